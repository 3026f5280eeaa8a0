package org.loombus.protocol.wire;

import java.nio.charset.StandardCharsets;

/** Handshake constants and helpers (docs/protocol.md §1.2–§1.6). */
public final class Handshake {
  /** Greeting magic byte. */
  public static final int MAGIC = 0xEB;
  /** The only protocol version. */
  public static final int VERSION = 1;
  /** The three bytes the broker sends first and the client echoes. */
  private static final byte[] GREETING = {(byte) MAGIC, (byte) VERSION, 0};
  /** Separator between a primary name and a secondary's suffix. */
  public static final String SECONDARY_SEPARATOR = "%%";

  private Handshake() {}

  /** @return a fresh copy of the greeting {@code EB 01 00} */
  public static byte[] greeting() {
    return GREETING.clone();
  }

  /**
   * @param b three bytes received as a greeting
   * @return whether they are magic {@code EB} followed by version 1 (u16 LE)
   */
  public static boolean isValidGreeting(byte[] b) {
    return (b[0] & 0xFF) == MAGIC && ((b[1] & 0xFF) | (b[2] & 0xFF) << 8) == VERSION;
  }

  /**
   * @param name a client name
   * @return the primary name: everything before the first {@code %%}, or the name itself
   */
  public static String primaryOf(String name) {
    int i = name.indexOf(SECONDARY_SEPARATOR);
    return i < 0 ? name : name.substring(0, i);
  }

  /**
   * @param name a client name
   * @return whether the name is a secondary name (contains {@code %%})
   */
  public static boolean isSecondary(String name) {
    return name.contains(SECONDARY_SEPARATOR);
  }

  /**
   * Encodes the client's name message: u16 LE length, then the UTF-8 bytes.
   *
   * @param name the client name, 1 to 65535 UTF-8 bytes
   * @return the bytes a client sends after echoing the greeting
   */
  public static byte[] encodeName(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    if (n.length == 0 || n.length > 0xFFFF) {
      throw new IllegalArgumentException("client name must be 1 to 65535 UTF-8 bytes");
    }
    byte[] out = new byte[n.length + 2];
    out[0] = (byte) n.length;
    out[1] = (byte) (n.length >>> 8);
    System.arraycopy(n, 0, out, 2, n.length);
    return out;
  }
}

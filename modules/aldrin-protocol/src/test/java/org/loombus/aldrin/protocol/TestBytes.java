package org.loombus.aldrin.protocol;

import java.util.HexFormat;

/** Byte-array helpers for tests, so expected encodings read like Aldrin's decimal test vectors. */
final class TestBytes {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private TestBytes() {}

  /** @return the bytes given as ints 0 to 255 (or chars) */
  static byte[] of(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 255) {
        throw new IllegalArgumentException("not a byte: " + values[i]);
      }
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** @return the arrays joined */
  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** @return the bytes {@code n} times {@code value} */
  static byte[] repeat(int value, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  /** @return lower-case hex with spaces, for readable assertion failures */
  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }
}

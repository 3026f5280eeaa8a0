package org.loombus.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding: bytes that are not valid UTF-8 are reported rather than replaced. Names
 * on the bus (client names, targets, topics, RPC methods) need it because a replaced name would
 * address someone else; the command-line tool uses it to tell text payloads from binary ones.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes, taking the allocation-light path when the bytes are plain ASCII, as names almost
   * always are.
   *
   * @param b array
   * @param off offset of the first byte
   * @param len number of bytes
   * @return the decoded string, or {@code null} if the bytes are not valid UTF-8
   */
  public static String decode(byte[] b, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (b[i] < 0) {
        return decodeStrict(b, off, len);
      }
    }
    return new String(b, off, len, StandardCharsets.ISO_8859_1); // ASCII: the fast, exact path
  }

  private static String decodeStrict(byte[] b, int off, int len) {
    try {
      // a new decoder reports malformed and unmappable input by default
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, off, len)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

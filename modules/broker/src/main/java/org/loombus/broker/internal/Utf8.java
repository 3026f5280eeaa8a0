package org.loombus.broker.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: addressing fields that are not valid UTF-8 close the connection. */
final class Utf8 {
  private Utf8() {}

  /**
   * @param b array
   * @param off offset
   * @param len length
   * @return the decoded string, or {@code null} if the bytes are not valid UTF-8
   */
  static String decode(byte[] b, int off, int len) {
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
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

package org.loombus.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Utf8Test {
  private static byte[] hex(String s) {
    return HexFormat.ofDelimiter(" ").parseHex(s);
  }

  @Test
  void asciiWithinALargerArray() {
    byte[] b = hex("00 61 2F 62 00");
    assertEquals("a/b", Utf8.decode(b, 1, 3));
    assertEquals("", Utf8.decode(b, 1, 0));
  }

  @Test
  void multiByteCharacters() {
    assertEquals("zürich/€/𝄞", Utf8.decode(hex("7A C3 BC 72 69 63 68 2F E2 82 AC 2F F0 9D 84 9E"),
        0, 16));
  }

  @Test
  void invalidBytesAreReportedNotReplaced() {
    assertNull(Utf8.decode(hex("61 FF"), 0, 2), "byte never valid in UTF-8");
    assertNull(Utf8.decode(hex("80"), 0, 1), "lone continuation byte");
    assertNull(Utf8.decode(hex("C0 AF"), 0, 2), "overlong encoding of /");
    assertNull(Utf8.decode(hex("ED A0 80"), 0, 3), "UTF-16 surrogate");
    assertNull(Utf8.decode(hex("E2 82"), 0, 2), "truncated sequence");
  }

  @Test
  void onlyTheGivenRangeIsDecoded() {
    byte[] b = hex("FF 61 62 FF");
    assertEquals("ab", Utf8.decode(b, 1, 2));
  }
}

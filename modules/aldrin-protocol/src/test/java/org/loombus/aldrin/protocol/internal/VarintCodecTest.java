package org.loombus.aldrin.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.DecodeProblem;

/**
 * Aldrin's varints (aldrin-core {@code core/src/buf_ext.rs}): the first byte is the value up to
 * {@code 255 - width}, above that a marker for 1 to {@code width} little-endian bytes.
 */
@DisplayName("Varints")
class VarintCodecTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private static String encode(long value, int width) {
    ByteSink out = new ByteSink();
    VarintCodec.write(out, value, width);
    assertEquals(out.size(), VarintCodec.encodedLength(value, width));
    return HEX.formatHex(out.toByteArray());
  }

  @ParameterizedTest(name = "u{1}-bit {0} -> {2}")
  @CsvSource({
    "0, 16, 00",
    "253, 16, fd",
    "254, 16, fe fe",
    "255, 16, fe ff",
    "256, 16, ff 00 01",
    "65535, 16, ff ff ff",
    "251, 32, fb",
    "252, 32, fc fc",
    "255, 32, fc ff",
    "256, 32, fd 00 01",
    "65535, 32, fd ff ff",
    "65536, 32, fe 00 00 01",
    "16777215, 32, fe ff ff ff",
    "16777216, 32, ff 00 00 00 01",
    "4294967295, 32, ff ff ff ff ff",
    "247, 64, f7",
    "248, 64, f8 f8",
    "4294967296, 64, fc 00 00 00 00 01",
    "72057594037927936, 64, ff 00 00 00 00 00 00 00 01",
  })
  @DisplayName("the encoder writes the shortest form, and the strict decoder reads it back")
  void canonical(String value, int bits, String hex) throws Exception {
    long v = Long.parseUnsignedLong(value);
    int width = bits / 8;
    assertEquals(hex, encode(v, width));
    byte[] b = HEX.parseHex(hex);
    ByteSource in = new ByteSource(b, 0, b.length, true);
    long back = switch (width) {
      case 2 -> in.varU16("v");
      case 4 -> Integer.toUnsignedLong(in.varU32("v"));
      default -> in.varU64("v");
    };
    assertEquals(v, back);
    in.expectEnd("v");
  }

  @Test
  @DisplayName("u64 max takes nine bytes")
  void u64Max() {
    assertEquals("ff ff ff ff ff ff ff ff ff", encode(-1L, 8));
  }

  @ParameterizedTest(name = "zigzag {0} -> {1}")
  @CsvSource({
    "0, 0", "-1, 1", "1, 2", "-2, 3", "2147483647, 4294967294", "-2147483648, 4294967295"
  })
  @DisplayName("32-bit zigzag maps small magnitudes to small codes and back")
  void zigzag32(int value, long code) {
    assertEquals(code, Integer.toUnsignedLong(VarintCodec.zigzag32(value)));
    assertEquals(value, VarintCodec.unzigzag32((int) code));
  }

  @Test
  @DisplayName("16- and 64-bit zigzag at their extremes")
  void zigzagExtremes() {
    assertEquals(0xFFFE, VarintCodec.zigzag16(Short.MAX_VALUE));
    assertEquals(0xFFFF, VarintCodec.zigzag16(Short.MIN_VALUE));
    assertEquals(Short.MIN_VALUE, VarintCodec.unzigzag16(0xFFFF));
    assertEquals(-2L, VarintCodec.zigzag64(Long.MAX_VALUE));
    assertEquals(-1L, VarintCodec.zigzag64(Long.MIN_VALUE));
    assertEquals(Long.MIN_VALUE, VarintCodec.unzigzag64(-1L));
  }

  @ParameterizedTest(name = "{0} as u{1}")
  @CsvSource({"fe 05, 16, 5", "ff 05 00, 16, 5", "fc 05, 32, 5", "fd 05 00, 32, 5",
    "ff 01 00 00 00, 32, 1", "f8 01, 64, 1", "ff ff 00 00 00 00 00 00 00, 64, 255"})
  @DisplayName("longer forms than needed: NON_CANONICAL_VARINT if strict, Aldrin's reading if not")
  void overlong(String hex, int bits, long lenient) throws Exception {
    byte[] b = HEX.parseHex(hex);
    AldrinDecodeException e =
        assertThrows(AldrinDecodeException.class, () -> read(b, bits, true));
    assertEquals(DecodeProblem.NON_CANONICAL_VARINT, e.problem());
    assertEquals(0, e.offset());
    assertEquals(lenient, read(b, bits, false));
  }

  @Test
  @DisplayName("a marker whose bytes are missing is TRUNCATED at the first missing byte")
  void truncated() {
    byte[] b = HEX.parseHex("ff 01 02 03");
    AldrinDecodeException e = assertThrows(AldrinDecodeException.class, () -> read(b, 32, true));
    assertEquals(DecodeProblem.TRUNCATED, e.problem());
    assertEquals(1, e.offset());
  }

  private static long read(byte[] b, int bits, boolean canonical) throws AldrinDecodeException {
    ByteSource in = new ByteSource(b, 0, b.length, canonical);
    long v = switch (bits) {
      case 16 -> in.varU16("v");
      case 32 -> Integer.toUnsignedLong(in.varU32("v"));
      default -> in.varU64("v");
    };
    in.expectEnd("v");
    return v;
  }
}

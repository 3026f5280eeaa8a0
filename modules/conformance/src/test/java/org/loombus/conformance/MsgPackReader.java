package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.loombus.testkit.RawClient;

/**
 * Walks MessagePack bytes and asserts the exact format of every value, so a test checks the
 * encoding the broker chose (key order, unsigned and smallest integers, {@code CF} timestamps),
 * not merely values a lenient decoder would accept.
 */
final class MsgPackReader {
  private final byte[] b;
  private int pos;

  MsgPackReader(byte[] bytes) {
    this.b = bytes;
  }

  MsgPackReader(byte[] bytes, int offset) {
    this.b = bytes;
    this.pos = offset;
  }

  /** @return the entry count of a map header */
  int map() {
    int f = u8();
    if ((f & 0xF0) == 0x80) {
      return f & 0x0F;
    }
    return switch (f) {
      case 0xDE -> (int) be(2);
      case 0xDF -> (int) be(4);
      default -> throw failure("a map", f);
    };
  }

  /** @return the element count of an array header */
  int array() {
    int f = u8();
    if ((f & 0xF0) == 0x90) {
      return f & 0x0F;
    }
    return switch (f) {
      case 0xDC -> (int) be(2);
      case 0xDD -> (int) be(4);
      default -> throw failure("an array", f);
    };
  }

  /** @return a string in its smallest header (fixstr, str8, str16, str32) */
  String str() {
    int at = pos;
    int f = u8();
    int n;
    if ((f & 0xE0) == 0xA0) {
      n = f & 0x1F;
    } else {
      n = switch (f) {
        case 0xD9 -> (int) be(1);
        case 0xDA -> (int) be(2);
        case 0xDB -> (int) be(4);
        default -> throw failure("a string", f);
      };
      int smallest = n < 32 ? 0xA0 : n < 256 ? 0xD9 : n < 65536 ? 0xDA : 0xDB;
      if (f != smallest) {
        fail("string of " + n + " bytes at " + at + " not in its smallest header: " + hex());
      }
    }
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Reads a map key and asserts it. */
  void key(String expected) {
    int at = pos;
    assertEquals(expected, str(), "key at offset " + at + " of " + hex());
  }

  /** @return an unsigned integer, asserting an unsigned format in its smallest size */
  long uint() {
    int at = pos;
    int f = u8();
    if (f <= 0x7F) {
      return f;
    }
    long v = switch (f) {
      case 0xCC -> be(1);
      case 0xCD -> be(2);
      case 0xCE -> be(4);
      case 0xCF -> be(8);
      default -> throw failure("an unsigned integer", f);
    };
    int smallest = v < 0 ? 0xCF : v < 128 ? -1 : v < 256 ? 0xCC : v < 65536 ? 0xCD
        : v < 0x1_0000_0000L ? 0xCE : 0xCF;
    if (f != smallest) {
      fail("integer " + v + " at " + at + " not in its smallest encoding: " + hex());
    }
    return v;
  }

  /** @return a u64 written as {@code CF} and 8 big-endian bytes, whatever its value */
  long u64() {
    int f = u8();
    if (f != 0xCF) {
      throw failure("CF (u64)", f);
    }
    return be(8);
  }

  /** @return a boolean */
  boolean bool() {
    int f = u8();
    return switch (f) {
      case 0xC2 -> false;
      case 0xC3 -> true;
      default -> throw failure("a boolean", f);
    };
  }

  /** @return a string, or {@code null} for nil */
  String strOrNil() {
    if (pos < b.length && (b[pos] & 0xFF) == 0xC0) {
      pos++;
      return null;
    }
    return str();
  }

  /** Asserts that every byte was read. */
  void end() {
    assertEquals(b.length, pos, "trailing bytes after the value: " + hex());
  }

  private int u8() {
    if (pos >= b.length) {
      fail("value ends early: " + hex());
    }
    return b[pos++] & 0xFF;
  }

  private long be(int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | u8();
    }
    return v;
  }

  private AssertionError failure(String expected, int format) {
    return new AssertionError(String.format("expected %s at offset %d, found format %02X in %s",
        expected, pos - 1, format, hex()));
  }

  private String hex() {
    return RawClient.hex(Arrays.copyOf(b, Math.min(b.length, 512)));
  }
}

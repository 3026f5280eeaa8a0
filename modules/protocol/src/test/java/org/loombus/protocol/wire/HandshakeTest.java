package org.loombus.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Handshake constants and name helpers (docs/protocol.md §1.2–§1.6). */
@DisplayName("Handshake")
class HandshakeTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  @Test
  @DisplayName("the greeting is EB 01 00, a fresh copy each time")
  void greeting() {
    byte[] g = Handshake.greeting();
    assertEquals("EB 01 00", HEX.formatHex(g));
    g[0] = 0;
    assertEquals("EB 01 00", HEX.formatHex(Handshake.greeting()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("a greeting is valid only as magic EB and version 1 as u16 LE")
  @CsvSource({
    "EB 01 00, true",
    "EC 01 00, false",
    "EB 02 00, false",
    "EB 00 00, false",
    "EB 01 01, false",
    "00 00 00, false",
  })
  void validGreeting(String bytes, boolean valid) {
    assertEquals(valid, Handshake.isValidGreeting(HEX.parseHex(bytes)));
  }

  @ParameterizedTest(name = "\"{0}\" -> primary \"{1}\", secondary {2}")
  @DisplayName("a name with %% is secondary; its primary is everything before the first %%")
  @CsvSource({
    "a, a, false",
    "a%%1, a, true",
    "a%%b%%c, a, true",
    "a%b, a%b, false",
    "a%%, a, true",
    "%%1, '', true",
    "a.b%%0, a.b, true",
    "%%, '', true",
    "'', '', false",
  })
  void secondaryNames(String name, String primary, boolean secondary) {
    assertEquals(primary, Handshake.primaryOf(name));
    assertEquals(secondary, Handshake.isSecondary(name));
  }

  @Test
  @DisplayName("§2.11 the name c1 is sent as 02 00 63 31")
  void encodeName() {
    assertEquals("02 00 63 31", HEX.formatHex(Handshake.encodeName("c1")));
  }

  @Test
  @DisplayName("the name length counts UTF-8 bytes, not characters")
  void encodeNameUtf8() {
    assertEquals("02 00 C3 A9", HEX.formatHex(Handshake.encodeName("\u00e9")));
  }

  @Test
  @DisplayName("a 65535-byte name is encoded with length FF FF")
  void longestName() {
    byte[] b = Handshake.encodeName("n".repeat(0xFFFF));
    assertEquals(0xFFFF + 2, b.length);
    assertEquals("FF FF 6E", HEX.formatHex(b, 0, 3));
  }

  @Test
  @DisplayName("an empty or 65536-byte name cannot be encoded")
  void invalidNames() {
    assertThrows(IllegalArgumentException.class, () -> Handshake.encodeName(""));
    assertThrows(IllegalArgumentException.class,
        () -> Handshake.encodeName("n".repeat(0x10000)));
  }
}

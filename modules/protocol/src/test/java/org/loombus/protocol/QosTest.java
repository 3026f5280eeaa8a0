package org.loombus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** QoS bits (docs/protocol.md §2.2). */
@DisplayName("Qos")
class QosTest {

  @ParameterizedTest(name = "{0}: code {1}, ACK {2}, real-time {3}")
  @DisplayName("bit 0 asks for an ACK, bit 1 marks real-time")
  @CsvSource({
    "NO, 0, false, false",
    "PROCESSED, 1, true, false",
    "REALTIME, 2, false, true",
    "REALTIME_PROCESSED, 3, true, true",
  })
  void bits(Qos qos, int code, boolean ack, boolean realtime) {
    assertEquals(code, qos.code());
    assertEquals(ack, qos.needsAck());
    assertEquals(realtime, qos.isRealtime());
    assertEquals(qos, Qos.of(code));
  }

  @ParameterizedTest(name = "flags {0} -> op {1}, {2}")
  @DisplayName("§2.2 flags examples decode as op = flags & 3F, QoS = flags >> 6")
  @CsvSource({
    "12, 18, NO",
    "52, 18, PROCESSED",
    "D2, 18, REALTIME_PROCESSED",
    "41, 1, PROCESSED",
    "42, 2, PROCESSED",
    "46, 6, PROCESSED",
    "53, 19, PROCESSED",
    "93, 19, REALTIME",
  })
  void flags(String flagsHex, int op, Qos qos) {
    int flags = Integer.parseInt(flagsHex, 16);
    assertEquals(op, flags & 0x3F);
    assertEquals(qos, Qos.of(flags >> 6));
    assertEquals(flags, op | qos.code() << 6);
  }
}

package org.loombus.conformance;

import static org.loombus.conformance.Checks.ack;
import static org.loombus.conformance.Checks.assertBytes;
import static org.loombus.conformance.Checks.assertClosedWithoutReply;
import static org.loombus.conformance.Checks.assertServing;
import static org.loombus.conformance.Checks.delivered;
import static org.loombus.conformance.Checks.hex;
import static org.loombus.conformance.Checks.utf8;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

class FrameParsingConformanceTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Checks.LONG_T));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @ParameterizedTest(name = "C26 flags {0} over {1}")
  @CsvSource({"52, UNIX", "52, TCP", "D2, UNIX", "D2, TCP"})
  @DisplayName("C26 flags 52 is MESSAGE with QoS 1, flags D2 MESSAGE with QoS 3")
  void flagsDecoding(String flags, Via via) {
    int f = Integer.parseInt(flags, 16);
    try (RawClient c1 = via.register(broker, "c1");
        RawClient c2 = broker.registerUnix("c2")) {
      c1.send(0x11, f, "c2", "hi");
      boolean realtime = f == 0xD2;
      assertBytes(delivered(0x12, realtime, "c1", null, utf8("hi")), c2.readFrameSkippingNops());
      assertBytes(ack(0x11, 0x01), c1.readFrameSkippingNops());
    }
  }

  @ParameterizedTest(name = "C27 flags {0}")
  @ValueSource(strings = {"07", "47", "3E", "7E", "FE", "11"})
  @DisplayName("C27 an unknown op code closes the connection without an ACK")
  void unknownOp(String flags) {
    try (RawClient c = broker.registerUnix("c27")) {
      // the body of a valid message to itself: with op 12 it would be delivered and ACKed
      c.send(1, Integer.parseInt(flags, 16), "c27", "x");
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C28 MESSAGE body 63 32 over {0}")
  @EnumSource(Via.class)
  @DisplayName("C28 a MESSAGE body without any 00 closes the connection without an ACK")
  void messageWithoutSeparator(Via via) {
    try (RawClient c = via.register(broker, "c28")) {
      c.send(1, 0x52, hex("63 32"));
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @Test
  @DisplayName("C28 BROADCAST and PUBLISH bodies without any 00 close the connection without an ACK")
  void broadcastAndPublishWithoutSeparator() {
    for (int flags : new int[] {0x53, 0x41}) {
      try (RawClient c = broker.registerUnix("c28." + flags)) {
        c.send(1, flags, hex("2A"));
        assertClosedWithoutReply(c);
      }
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C29 empty MESSAGE over {0}")
  @EnumSource(Via.class)
  @DisplayName("C29 a MESSAGE with body length 0 closes the connection without an ACK")
  void emptyMessage(Via via) {
    try (RawClient c = via.register(broker, "c29")) {
      c.write(Checks.header(1, 0x52, 0));
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C30 PUBLISH_FOR 61 00 62 over {0}")
  @EnumSource(Via.class)
  @DisplayName("C30 a PUBLISH_FOR body without the second 00 closes the connection without an ACK")
  void publishForWithoutReceiverEnd(Via via) {
    try (RawClient c = via.register(broker, "c30")) {
      c.send(1, 0x46, hex("61 00 62"));
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C31 invalid UTF-8: {0}")
  @CsvSource({
      "MESSAGE target, 52, FF 00 78",
      "BROADCAST mask, 53, 61 2E C3 00 78",
      "PUBLISH topic, 41, 61 2F 80 00 78",
      "PUBLISH_FOR topic, 46, FE 00 63 33 31 00 78",
      "PUBLISH_FOR receiver, 46, 74 00 FF FF 00 78",
      "SUBSCRIBE mask, 42, 61 00 C0 AF",
      "UNSUBSCRIBE mask, 43, ED A0 80",
      "EXCLUDE mask, 44, F8 88 80 80 80",
      "UNEXCLUDE mask, 45, 62 00 FF"})
  @DisplayName("C31 a target, topic, mask or receiver that is not valid UTF-8 closes the connection")
  void invalidUtf8Address(String field, String flags, String body) {
    try (RawClient c = broker.registerUnix("c31")) {
      c.send(1, Integer.parseInt(flags, 16), hex(body));
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @Test
  @DisplayName("C31 an invalid UTF-8 target after a valid one of the same length still closes")
  void invalidTargetAfterValidOne() {
    try (RawClient c = broker.registerUnix("c31")) {
      c.send(1, 0x52, hex("61 62 00 78")); // "ab": absent, ACK 71
      assertBytes(ack(1, 0x71), c.readFrameSkippingNops());
      c.send(2, 0x52, hex("61 FF 00 78"));
      assertClosedWithoutReply(c);
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C31 opaque payload over {0}")
  @EnumSource(Via.class)
  @DisplayName("C31 a payload of arbitrary bytes, 00 included, is forwarded unchanged")
  void opaquePayload(Via via) {
    byte[] payload = hex("00 FF 00 C3 28 ED A0 80 00 00 FE 01");
    try (RawClient c1 = via.register(broker, "c1");
        RawClient c2 = broker.registerUnix("c2")) {
      c2.send(1, 0x42, "t/x");
      assertBytes(ack(1, 0x01), c2.readFrameSkippingNops());
      c1.send(2, 0x52, "c2", payload);
      assertBytes(delivered(0x12, false, "c1", null, payload), c2.readFrameSkippingNops());
      assertBytes(ack(2, 0x01), c1.readFrameSkippingNops());
      c1.send(3, 0x41, "t/x", payload);
      assertBytes(delivered(0x01, false, "c1", "t/x", payload), c2.readFrameSkippingNops());
      assertBytes(ack(3, 0x01), c1.readFrameSkippingNops());
      c1.send(4, 0x46, "t/x", "c2", payload);
      assertBytes(delivered(0x01, false, "c1", "t/x", payload), c2.readFrameSkippingNops());
      assertBytes(ack(4, 0x01), c1.readFrameSkippingNops());
      c1.send(5, 0x53, "c2", payload);
      assertBytes(delivered(0x13, false, "c1", null, payload), c2.readFrameSkippingNops());
      assertBytes(ack(5, 0x01), c1.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C32 with payload_size_limit N, L = N+1 closes the connection without waiting for the body")
  void oversizedBody() {
    int limit = 64;
    // A T far above the wait below: a broker waiting for the body could not close in time.
    try (TestBroker b = TestBroker.start(s -> s.payloadSizeLimit(limit).timeout(Duration.ofSeconds(20)));
        RawClient c = b.registerUnix("c32")) {
      c.write(Checks.header(1, 0x52, limit + 1));
      Checks.assertOnlyNops(c.readUntilClosed(Duration.ofSeconds(5)));
      assertServing(b);
    }
  }

  @Test
  @DisplayName("C32 with payload_size_limit N, a body of exactly L = N is accepted")
  void bodyAtLimit() {
    int limit = 64;
    try (TestBroker b = TestBroker.start(s -> s.payloadSizeLimit(limit).timeout(Checks.LONG_T));
        RawClient c = b.registerUnix("c32")) {
      byte[] payload = new byte[limit - "c32".length() - 1];
      Arrays.fill(payload, (byte) 'z');
      byte[] body = RawClient.body("c32", payload);
      c.send(1, 0x52, body);
      assertBytes(delivered(0x12, false, "c32", null, payload), c.readFrameSkippingNops());
      assertBytes(ack(1, 0x01), c.readFrameSkippingNops());
      byte[] tooBig = Arrays.copyOf(body, limit + 1);
      c.send(2, 0x52, tooBig);
      assertClosedWithoutReply(c);
    }
  }

  @ParameterizedTest(name = "C33 no ACK for QoS 0/2 over {0}")
  @EnumSource(Via.class)
  @DisplayName("C33 frames with QoS 0 or 2 never get an ACK, even when they fail")
  void noAckWithoutQos1(Via via) {
    try (RawClient c = via.register(broker, "c33")) {
      for (int qos : new int[] {0x00, 0x80}) {
        c.send(1, qos | 0x12, "absent", "x");
        c.send(2, qos | 0x12, "c33", "x");
        c.send(3, qos | 0x13, "nobody.*", "x");
        c.send(4, qos | 0x01, "t/none", "x");
        c.send(5, qos | 0x06, "t/none", "nobody", "x");
        c.send(6, qos | 0x02, "t/a");
        c.send(7, qos | 0x03, "t/a");
        c.send(8, qos | 0x04, "t/b");
        c.send(9, qos | 0x05, "t/b");
        assertBytes(delivered(0x12, qos != 0, "c33", null, utf8("x")), c.readFrameSkippingNops());
      }
      // Any ACK for the frames above would be queued before this one.
      c.send(10, 0x52, "absent", "x");
      assertBytes(ack(10, 0x71), c.readFrameSkippingNops());
      c.expectNothing(Duration.ofMillis(200));
    }
  }

  @ParameterizedTest(name = "C34 id echo over {0}")
  @EnumSource(Via.class)
  @DisplayName("C34 the ACK is FE, the four id bytes verbatim, then the code; ids 0 and repeats included")
  void ackEchoesId(Via via) {
    try (RawClient c = via.register(broker, "c34")) {
      c.write(hex("AA BB CC DD 52 07 00 00 00 61 62 73 65 6E 74 00"));
      assertBytes(hex("FE AA BB CC DD 71"), c.readFrameSkippingNops());
      c.write(hex("00 00 00 00 42 03 00 00 00 74 2F 31"));
      assertBytes(hex("FE 00 00 00 00 01"), c.readFrameSkippingNops());
      c.write(hex("FF FF FF FF 52 07 00 00 00 61 62 73 65 6E 74 00"));
      c.write(hex("FF FF FF FF 41 04 00 00 00 74 2F 32 00"));
      assertBytes(hex("FE FF FF FF FF 71"), c.readFrameSkippingNops());
      assertBytes(hex("FE FF FF FF FF 01"), c.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C35 the ACK of a QoS-3 frame is flushed at once")
  void realtimeAckFlushedAtOnce() {
    try (TestBroker b = TestBroker.start(s -> s.timeout(Checks.LONG_T));
        RawClient c = b.registerUnix("c35")) {
      c.send(1, 0xD2, "absent", "x");
      assertBytes(ack(1, 0x71), Checks.nextFrame(c, Duration.ofSeconds(2)));
      c.send(2, 0xC1, "t/none", "x");
      assertBytes(ack(2, 0x01), Checks.nextFrame(c, Duration.ofSeconds(2)));
    }
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.ack;
import static org.loombus.conformance.Checks.assertBytes;
import static org.loombus.conformance.Checks.delivered;
import static org.loombus.conformance.Checks.hex;
import static org.loombus.conformance.Checks.utf8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

class DeliveryFormatConformanceTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Checks.LONG_T));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @ParameterizedTest(name = "C36 c1 over {0} to c2 over {1}")
  @CsvSource({"UNIX, UNIX", "UNIX, TCP", "TCP, UNIX", "TCP, TCP"})
  @DisplayName("C36 MESSAGE hi from c1 reaches c2 as 12 05 00 00 00 00 63 31 00 68 69")
  void directMessage(Via from, Via to) {
    try (RawClient c1 = from.register(broker, "c1");
        RawClient c2 = to.register(broker, "c2")) {
      c1.write(hex("01 00 00 00 52 05 00 00 00 63 32 00 68 69"));
      assertBytes(hex("12 05 00 00 00 00 63 31 00 68 69"), c2.readFrameSkippingNops());
      assertBytes(hex("FE 01 00 00 00 01"), c1.readFrameSkippingNops());
    }
  }

  @ParameterizedTest(name = "C37 flags {0}")
  @CsvSource({"92, false", "D2, true"})
  @DisplayName("C37 with QoS 2 or 3 byte 5 of the delivered frame is 01")
  void realtimeMarker(String flags, boolean acked) {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient c2 = broker.registerTcp("c2")) {
      c1.write(hex("02 00 00 00 " + flags + " 05 00 00 00 63 32 00 68 69"));
      assertBytes(hex("12 05 00 00 00 01 63 31 00 68 69"), c2.readFrameSkippingNops());
      if (acked) {
        assertBytes(hex("FE 02 00 00 00 01"), c1.readFrameSkippingNops());
      }
      c1.write(hex("03 00 00 00 12 05 00 00 00 63 32 00 68 69"));
      assertBytes(hex("12 05 00 00 00 00 63 31 00 68 69"), c2.readFrameSkippingNops());
      c1.expectNothing(Duration.ofMillis(100));
    }
  }

  @Test
  @DisplayName("C37 real-time broadcasts and publications also carry 01 in byte 5")
  void realtimeMarkerOnFanOut() {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient c2 = broker.registerUnix("c2")) {
      c2.send(1, 0x42, "a/b");
      assertBytes(ack(1, 0x01), c2.readFrameSkippingNops());
      c1.send(2, 0x81, "a/b", "x");
      assertBytes(hex("01 08 00 00 00 01 63 31 00 61 2F 62 00 78"), c2.readFrameSkippingNops());
      c1.send(3, 0x93, "c2", "!");
      assertBytes(hex("13 04 00 00 00 01 63 31 00 21"), c2.readFrameSkippingNops());
      c1.send(4, 0x86, "a/b", "c2", "x");
      assertBytes(hex("01 08 00 00 00 01 63 31 00 61 2F 62 00 78"), c2.readFrameSkippingNops());
    }
  }

  @ParameterizedTest(name = "C38 secondary over {0}")
  @EnumSource(Via.class)
  @DisplayName("C38 a message from secondary c1%%0 carries the sender c1%%0")
  void secondarySender(Via via) {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient c10 = via.register(broker, "c1%%0");
        RawClient c2 = broker.registerUnix("c2")) {
      c10.send(1, 0x52, "c2", "hi");
      assertBytes(hex("12 08 00 00 00 00 63 31 25 25 30 00 68 69"), c2.readFrameSkippingNops());
      assertBytes(ack(1, 0x01), c10.readFrameSkippingNops());
      c1.expectNothing(Duration.ofMillis(100));
    }
  }

  @Test
  @DisplayName("C39 a publication of x to a/b by c1 reaches each subscriber as 01 08 00 00 00 00 63 31 00 61 2F 62 00 78")
  void publication() {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient s1 = broker.registerUnix("s1");
        RawClient s2 = broker.registerTcp("s2")) {
      s1.send(1, 0x42, "a/b");
      s2.send(1, 0x42, "a/#");
      assertBytes(ack(1, 0x01), s1.readFrameSkippingNops());
      assertBytes(ack(1, 0x01), s2.readFrameSkippingNops());
      c1.write(hex("03 00 00 00 01 05 00 00 00 61 2F 62 00 78"));
      byte[] expected = hex("01 08 00 00 00 00 63 31 00 61 2F 62 00 78");
      assertBytes(expected, s1.readFrameSkippingNops());
      assertBytes(expected, s2.readFrameSkippingNops());
      c1.expectNothing(Duration.ofMillis(100));
    }
  }

  @ParameterizedTest(name = "C40 broadcast flags {0}")
  @CsvSource({"D3, 01", "53, 00", "13, 00"})
  @DisplayName("C40 broadcast recipients receive kind 13 with sender 00 payload")
  void broadcast(String flags, String realtime) {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient wa = broker.registerUnix("w.a");
        RawClient wb = broker.registerTcp("w.b")) {
      c1.write(hex("05 00 00 00 " + flags + " 05 00 00 00 77 2E 2A 00 21"));
      byte[] expected = hex("13 04 00 00 00 " + realtime + " 63 31 00 21");
      assertBytes(expected, wa.readFrameSkippingNops());
      assertBytes(expected, wb.readFrameSkippingNops());
      if (!flags.equals("13")) {
        assertBytes(hex("FE 05 00 00 00 01"), c1.readFrameSkippingNops());
      }
      c1.expectNothing(Duration.ofMillis(100));
    }
  }

  @Test
  @DisplayName("C41 PUBLISH_FOR is delivered as a kind-01 frame identical to a PUBLISH")
  void publishForLooksLikePublish() {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient r = broker.registerTcp("r")) {
      r.send(1, 0x42, "a/b");
      assertBytes(ack(1, 0x01), r.readFrameSkippingNops());
      c1.write(hex("06 00 00 00 46 07 00 00 00 61 2F 62 00 72 00 78"));
      assertBytes(hex("01 08 00 00 00 00 63 31 00 61 2F 62 00 78"), r.readFrameSkippingNops());
      assertBytes(hex("FE 06 00 00 00 01"), c1.readFrameSkippingNops());
      c1.write(hex("07 00 00 00 01 05 00 00 00 61 2F 62 00 78"));
      assertBytes(hex("01 08 00 00 00 00 63 31 00 61 2F 62 00 78"), r.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C42 an empty payload still ends in the sender (and topic) terminator")
  void emptyPayload() {
    try (RawClient c1 = broker.registerUnix("c1");
        RawClient c2 = broker.registerTcp("c2")) {
      c2.send(1, 0x42, "a/b");
      assertBytes(ack(1, 0x01), c2.readFrameSkippingNops());
      c1.write(hex("02 00 00 00 12 03 00 00 00 63 32 00"));
      assertBytes(hex("12 03 00 00 00 00 63 31 00"), c2.readFrameSkippingNops());
      c1.write(hex("03 00 00 00 01 04 00 00 00 61 2F 62 00"));
      assertBytes(hex("01 07 00 00 00 00 63 31 00 61 2F 62 00"), c2.readFrameSkippingNops());
      c1.write(hex("04 00 00 00 06 07 00 00 00 61 2F 62 00 63 32 00"));
      assertBytes(hex("01 07 00 00 00 00 63 31 00 61 2F 62 00"), c2.readFrameSkippingNops());
      c1.write(hex("05 00 00 00 13 03 00 00 00 63 32 00"));
      assertBytes(hex("13 03 00 00 00 00 63 31 00"), c2.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C43 only kinds 00 01 12 13 FE are sent, and ACK and NOP frames are exactly 6 bytes")
  void onlyKnownKinds() {
    Duration t = Duration.ofMillis(300);
    try (TestBroker b = TestBroker.start(s -> s.timeout(t));
        RawClient c = b.registerUnix("c43")) {
      c.send(1, 0x42, "t/#");
      c.send(2, 0x52, "c43", "m");
      c.send(3, 0xC1, "t/x", "p");
      c.send(4, 0x53, "c43", "b");
      c.send(5, 0x46, "t/y", "c43", "f");
      c.send(6, 0x52, "absent", "a");
      c.send(7, 0x43, "t/#");
      c.send(8, 0x41, "t/z", "gone");
      List<byte[]> expected = List.of(
          ack(1, 0x01),
          delivered(0x12, false, "c43", null, utf8("m")), ack(2, 0x01),
          delivered(0x01, true, "c43", "t/x", utf8("p")), ack(3, 0x01),
          delivered(0x13, false, "c43", null, utf8("b")), ack(4, 0x01),
          delivered(0x01, false, "c43", "t/y", utf8("f")), ack(5, 0x01),
          ack(6, 0x71), ack(7, 0x01), ack(8, 0x01));
      List<byte[]> frames = new ArrayList<>();
      int nops = 0;
      long end = System.nanoTime() + t.multipliedBy(3).toNanos();
      while (frames.size() < expected.size() || System.nanoTime() < end) {
        byte[] f = readCheckedFrame(c);
        if (f[0] == 0) {
          nops++;
          c.write(new byte[9]);
        } else {
          frames.add(f);
        }
      }
      assertTrue(nops >= 2, "only " + nops + " NOPs in 3 T");
      assertEquals(expected.size(), frames.size(), "frames other than NOPs");
      for (int i = 0; i < expected.size(); i++) {
        assertBytes(expected.get(i), frames.get(i));
      }
    }
  }

  /** Reads one frame by the client rules, failing on any kind a client does not accept. */
  private static byte[] readCheckedFrame(RawClient c) {
    byte[] h = c.read(6, Duration.ofSeconds(2));
    int kind = h[0] & 0xFF;
    switch (kind) {
      case 0x00 -> {
        assertBytes(Checks.NOP, h);
        return h;
      }
      case 0xFE -> {
        return h;
      }
      case 0x01, 0x12, 0x13 -> {
        int len = ByteBuffer.wrap(h, 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] f = new byte[6 + len];
        System.arraycopy(h, 0, f, 0, 6);
        System.arraycopy(c.read(len), 0, f, 6, len);
        return f;
      }
      default -> throw new AssertionError("frame kind " + Integer.toHexString(kind) + ": " + RawClient.hex(h));
    }
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.RawClient.hex;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.IpNetwork;
import org.loombus.protocol.BusException;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** Access control (docs/protocol.md §6): admission at connect time and per-operation ACLs. */
class AaaConformanceTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private final AaaMap aaa = new AaaMap();
  private TestBroker broker;

  private TestBroker start() {
    broker = TestBroker.start(b -> b, aaa);
    return broker;
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName("C14 a primary name without an AAA entry gets 79 and close")
  void noEntry() {
    aaa.put("known", ClientAaa.builder().build());
    start();
    try (RawClient c = RawClient.connect(broker.unix())) {
      assertEquals(0x79, c.handshake("stranger"));
      assertTrue(c.awaitClosed(Duration.ofSeconds(2)));
    }
    broker.registerUnix("known").close();
  }

  @Test
  @DisplayName("C14 a secondary is admitted under its primary's entry")
  void secondaryUsesPrimaryEntry() {
    aaa.put("p", ClientAaa.builder().build());
    start();
    try (RawClient p = broker.registerUnix("p"); RawClient s = broker.registerUnix("p%%1")) {
      p.expectNothing(Duration.ofMillis(50));
    }
  }

  @Test
  @DisplayName("C15 hosts_allow excluding the TCP peer gets 79; the same entry is accepted over Unix")
  void hostsAllow() {
    aaa.put("c", ClientAaa.builder().hostsAllow(List.of(IpNetwork.parse("10.0.0.0/8"))).build());
    start();
    try (RawClient c = RawClient.connect(broker.tcp())) {
      assertEquals(0x79, c.handshake("c"));
      assertTrue(c.awaitClosed(Duration.ofSeconds(2)));
    }
    broker.registerUnix("c").close();
  }

  @Test
  @DisplayName("C15 hosts_allow containing 127.0.0.0/8 admits a loopback TCP peer")
  void hostsAllowLoopback() {
    aaa.put("c", ClientAaa.builder().hostsAllow(List.of(IpNetwork.parse("127.0.0.0/8"))).build());
    start();
    broker.registerTcp("c").close();
  }

  @Test
  @DisplayName("C16 the default entry refuses an IPv6 TCP peer (::1) with 79")
  void defaultRefusesIpv6() {
    aaa.put("c", ClientAaa.builder().build());
    broker = TestBroker.start(b -> b, aaa);
    // a second server on ::1 sharing the same broker and rules
    try (var server = org.loombus.server.BrokerServer.builder(broker.handle())
        .bind(List.of(org.loombus.server.BindAddress.parse("[::1]:0"))).aaa(aaa).start()) {
      InetSocketAddress v6 = server.tcpAddress("[::1]:0");
      try (RawClient c = RawClient.connect(v6)) {
        assertEquals(0x79, c.handshake("c"));
      }
    } catch (java.io.IOException e) {
      throw new AssertionError("cannot bind ::1 on this machine", e);
    }
  }

  @Test
  @DisplayName("C97 allow_p2p_to([test]): a message to other gets ACK 79, nothing delivered, connection kept")
  void p2pDenied() {
    aaa.put("c", ClientAaa.builder().allowP2pTo(List.of("test")).build());
    aaa.put("test", ClientAaa.builder().build());
    aaa.put("other", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient test = broker.registerUnix("test");
        RawClient other = broker.registerUnix("other")) {
      c.send(1, 0x52, "other", "x");
      assertArrayEquals(hex("FE 01 00 00 00 79"), c.readFrameSkippingNops());
      c.send(2, 0x52, "test", "y");
      assertArrayEquals(hex("FE 02 00 00 00 01"), c.readFrameSkippingNops());
      assertArrayEquals(hex("12 03 00 00 00 00 63 00 79"), test.readFrameSkippingNops());
      other.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C98 deny_broadcast(): any broadcast with QoS 1 gets ACK 79")
  void broadcastDenied() {
    aaa.put("c", ClientAaa.builder().denyBroadcast().build());
    aaa.put("d", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient d = broker.registerUnix("d")) {
      c.send(3, 0x53, "*", "x");
      assertArrayEquals(hex("FE 03 00 00 00 79"), c.readFrameSkippingNops());
      d.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C99 allow_publish_to([news/#]): news/a passes, other gets 79, PUBLISH_FOR governed alike")
  void publishAcl() {
    aaa.put("c", ClientAaa.builder().allowPublishTo(List.of("news/#")).build());
    aaa.put("s", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient s = broker.registerUnix("s")) {
      s.send(1, 0x42, "#");
      assertArrayEquals(hex("FE 01 00 00 00 01"), s.readFrameSkippingNops());
      c.send(2, 0x41, "news/a", "x");
      assertArrayEquals(hex("FE 02 00 00 00 01"), c.readFrameSkippingNops());
      assertArrayEquals(hex("01 0A 00 00 00 00 63 00 6E 65 77 73 2F 61 00 78"),
          s.readFrameSkippingNops());
      c.send(3, 0x41, "other", "x");
      assertArrayEquals(hex("FE 03 00 00 00 79"), c.readFrameSkippingNops());
      c.send(4, 0x46, "other", "s", "x");
      assertArrayEquals(hex("FE 04 00 00 00 79"), c.readFrameSkippingNops());
      c.send(5, 0x46, "news/b", "s", "y");
      assertArrayEquals(hex("FE 05 00 00 00 01"), c.readFrameSkippingNops());
      assertArrayEquals(hex("01 0A 00 00 00 00 63 00 6E 65 77 73 2F 62 00 79"),
          s.readFrameSkippingNops());
      s.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C100 deny_subscribe(): SUBSCRIBE a 00 b with QoS 1 gets FE id 79 twice then FE id 01, subscribes nothing")
  void subscribeDenied() {
    aaa.put("c", ClientAaa.builder().denySubscribe().build());
    aaa.put("p", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient p = broker.registerUnix("p")) {
      c.send(7, 0x42, "a", "b");
      assertArrayEquals(hex("FE 07 00 00 00 79"), c.readFrameSkippingNops());
      assertArrayEquals(hex("FE 07 00 00 00 79"), c.readFrameSkippingNops());
      assertArrayEquals(hex("FE 07 00 00 00 01"), c.readFrameSkippingNops());
      p.send(1, 0x01, "a", "x");
      p.send(2, 0x01, "b", "x");
      c.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C101 deny_subscribe(): the client still receives .broker/warn publications")
  void warnStillDelivered() {
    aaa.put("c", ClientAaa.builder().denySubscribe().build());
    aaa.put("p", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient p = broker.registerUnix("p")) {
      p.send(1, 0x01, ".broker/warn", "w");
      byte[] frame = c.readFrameSkippingNops();
      assertArrayEquals(hex("01 10 00 00 00 00"), java.util.Arrays.copyOf(frame, 6));
      assertArrayEquals(RawClient.body("p", ".broker/warn", "w"),
          java.util.Arrays.copyOfRange(frame, 6, frame.length));
    }
  }

  @Test
  @DisplayName("C102 changing an entry does not affect a connected client until it reconnects")
  void rulesFrozenAtConnect() {
    aaa.put("c", ClientAaa.builder().build());
    aaa.put("t", ClientAaa.builder().build());
    start();
    try (RawClient t = broker.registerUnix("t")) {
      try (RawClient c = broker.registerUnix("c")) {
        aaa.put("c", ClientAaa.builder().denyP2p().build());
        c.send(1, 0x52, "t", "x");
        assertArrayEquals(hex("FE 01 00 00 00 01"), c.readFrameSkippingNops());
        t.readFrameSkippingNops();
      }
      awaitGone("c");
      try (RawClient c = broker.registerUnix("c")) {
        c.send(2, 0x52, "t", "x");
        assertArrayEquals(hex("FE 02 00 00 00 79"), c.readFrameSkippingNops());
      }
    }
  }

  @Test
  @DisplayName("C103 force_disconnect closes a socket client and publishes unreg; refuses internal and unknown names")
  void forceDisconnect() {
    aaa.put("c", ClientAaa.builder().build());
    aaa.put("w", ClientAaa.builder().build());
    start();
    try (RawClient w = broker.registerUnix("w"); RawClient c = broker.registerUnix("c")) {
      w.send(1, 0x42, ".broker/info");
      assertArrayEquals(hex("FE 01 00 00 00 01"), w.readFrameSkippingNops());
      broker.handle().forceDisconnect("c");
      assertTrue(c.awaitClosed(Duration.ofSeconds(2)));
      byte[] unreg = w.readFrameSkippingNops();
      String text = new String(unreg, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(text.contains("unreg") && text.contains("\u00A1d\u00A1c"), RawClient.hex(unreg));
    }
    assertEquals(0x75, assertThrows(BusException.class,
        () -> broker.handle().forceDisconnect(".broker")).code());
    assertEquals(0x71, assertThrows(BusException.class,
        () -> broker.handle().forceDisconnect("nobody")).code());
  }

  @Test
  @DisplayName("C104 UNSUBSCRIBE, EXCLUDE and UNEXCLUDE are accepted under a restrictive ACL")
  void listOpsAlwaysAllowed() {
    aaa.put("c", ClientAaa.builder().denySubscribe().denyPublish().denyP2p().denyBroadcast()
        .build());
    start();
    try (RawClient c = broker.registerUnix("c")) {
      c.send(1, 0x43, "a");
      assertArrayEquals(hex("FE 01 00 00 00 01"), c.readFrameSkippingNops());
      c.send(2, 0x44, "b");
      assertArrayEquals(hex("FE 02 00 00 00 01"), c.readFrameSkippingNops());
      c.send(3, 0x45, "b");
      assertArrayEquals(hex("FE 03 00 00 00 01"), c.readFrameSkippingNops());
    }
  }

  private void awaitGone(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (broker.handle().connection(name).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " still registered");
      }
      Thread.onSpinWait();
    }
  }
}

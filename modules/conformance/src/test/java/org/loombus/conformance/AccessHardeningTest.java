package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.RawClient.hex;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Where Loombus's access control is stricter than the reference's (docs/access-control.md): rules
 * naming users or groups do not fail open over TCP, a client's mask must be covered by a rule,
 * and a client admitted just before a reload is checked against the new rules.
 */
class AccessHardeningTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private final AaaMap aaa = new AaaMap();
  private TestBroker broker;

  private void start() {
    broker = TestBroker.start(b -> b, aaa);
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName("a rule naming a user refuses a TCP peer (79), which cannot prove it, and admits"
      + " that user over the Unix socket")
  void userRulesDoNotFailOpenOverTcp() {
    String me = System.getProperty("user.name");
    aaa.put("tool", ClientAaa.builder().users(List.of(me)).build());
    aaa.put("ops", ClientAaa.builder().groups(List.of("no-such-group-here")).build());
    start();
    try (RawClient tcp = RawClient.connect(broker.tcp())) {
      assertEquals(0x79, tcp.handshake("tool"));
      assertTrue(tcp.awaitClosed(Duration.ofSeconds(2)));
    }
    try (RawClient tcp = RawClient.connect(broker.tcp())) {
      assertEquals(0x79, tcp.handshake("ops"));
    }
    try (RawClient unix = broker.registerUnix("tool")) {
      Checks.assertSelfMessage(unix, "tool", 1);
    }
  }

  @Test
  @DisplayName("a subscription mask wider than every rule is refused (79): +/public does not allow"
      + " #/public, but a/public")
  void subscribeMaskMustBeCovered() {
    aaa.put("c", ClientAaa.builder().allowSubscribeTo(List.of("+/public")).build());
    aaa.put("pub", ClientAaa.builder().build());
    start();
    try (RawClient c = broker.registerUnix("c"); RawClient pub = broker.registerUnix("pub")) {
      c.send(1, 0x42, "#/public");
      assertArrayEquals(hex("FE 01 00 00 00 79"), c.readFrameSkippingNops());
      assertArrayEquals(hex("FE 01 00 00 00 01"), c.readFrameSkippingNops());
      c.send(2, 0x42, "a/public");
      assertArrayEquals(hex("FE 02 00 00 00 01"), c.readFrameSkippingNops());
      pub.send(1, 0x41, "x/y/public", "wide");
      pub.send(2, 0x41, "a/public", "ok");
      assertArrayEquals(hex("FE 01 00 00 00 01"), pub.readFrameSkippingNops());
      assertArrayEquals(hex("FE 02 00 00 00 01"), pub.readFrameSkippingNops());
      assertArrayEquals(Peer.publication("pub", "a/public", "ok"), c.readFrameSkippingNops());
      c.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("a broadcast mask wider than every rule is refused (79): ?.hub does not allow *.hub")
  void broadcastMaskMustBeCovered() {
    aaa.put("c", ClientAaa.builder().allowBroadcastTo(List.of("?.hub")).build());
    start();
    try (RawClient c = broker.registerUnix("c")) {
      c.send(1, 0x53, "*.hub", "x");
      assertArrayEquals(hex("FE 01 00 00 00 79"), c.readFrameSkippingNops());
      c.send(2, 0x53, "a.hub", "x");
      assertArrayEquals(hex("FE 02 00 00 00 01"), c.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("a client registering while its rules are withdrawn never stays with the old rules")
  void reloadDuringRegistration() throws Exception {
    ClientAaa allowed = ClientAaa.builder().build();
    start();
    for (int round = 0; round < 200; round++) {
      aaa.replaceAll(Map.of("c", allowed));
      CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> {
        aaa.replaceAll(Map.of());
        // the reloader's own pass: disconnect registered clients whose rules changed
        broker.handle().connection("c").ifPresent(h -> h.disconnect("rules reloaded"));
      });
      try (RawClient c = RawClient.connect(broker.unix())) {
        c.handshake("c");
        reload.get();
        Checks.awaitTrue(() -> broker.handle().connection("c").isEmpty(), Duration.ofSeconds(5),
            "round " + round + ": c stays registered under withdrawn rules");
      }
    }
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.testkit.Peer.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.ClientInfo;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Spec §3.3, checklist C49–C53: broadcasts (op {@code 13}) to name masks. The sender {@code s}
 * and the clients {@code a}, {@code a.b}, {@code a.b.c}, {@code x.b} are the checklist's set.
 */
class BroadcastConformanceTest {
  private TestBroker broker;
  private Peer s;
  private List<Peer> named;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
    s = Peer.register(broker.unix(), "s");
    named = List.of(
        Peer.register(broker.unix(), "a"),
        Peer.register(broker.tcp(), "a.b"),
        Peer.register(broker.unix(), "a.b.c"),
        Peer.register(broker.tcp(), "x.b"));
  }

  @AfterEach
  void stop() {
    named.forEach(Peer::close);
    s.close();
    broker.close();
  }

  /**
   * Broadcasts with QoS 1, asserts the ACK, then that exactly the expected clients got the frame:
   * each client's next frame after the broadcast is either the broadcast or the sync marker.
   */
  private void assertReaches(int id, String mask, Set<String> expected) {
    String payload = "to " + mask;
    s.send(id, 0x53, mask, payload);
    s.expectAck(id, 0x01);
    for (Peer p : named) {
      if (expected.contains(p.name)) {
        p.expect(broadcast("s", payload));
      }
      s.sync(p);
    }
  }

  @Test
  @DisplayName("C49 mask a.* reaches a.b and a.b.c only")
  void trailingStar() {
    assertReaches(1, "a.*", Set.of("a.b", "a.b.c"));
  }

  @Test
  @DisplayName("C50 mask ?.b reaches a.b and x.b only")
  void leadingQuestionMark() {
    assertReaches(2, "?.b", Set.of("a.b", "x.b"));
  }

  @Test
  @DisplayName("C51 mask a.?.c reaches a.b.c only")
  void innerQuestionMark() {
    assertReaches(3, "a.?.c", Set.of("a.b.c"));
  }

  @Test
  @DisplayName("C52 mask * reaches every client: the sender, a secondary and .broker too")
  void starReachesEveryone() {
    try (Peer secondary = Peer.register(broker.unix(), "a%%1")) {
      long brokerFrames = brokerClientWrites();
      s.raw.write(RawClient.hex("05 00 00 00 D3 03 00 00 00 2A 00 21"));
      byte[] frame = RawClient.hex("13 03 00 00 00 01 73 00 21");
      s.expect(frame);
      s.expectAck(5, 0x01);
      secondary.expect(frame);
      for (Peer p : named) {
        p.expect(frame);
      }
      // .broker is in-process and ignores broadcasts; its write counter shows the delivery
      assertEquals(brokerFrames + 1, brokerClientWrites());
    }
  }

  private long brokerClientWrites() {
    return broker.handle().clients().stream()
        .filter(c -> c.name().equals(".broker"))
        .mapToLong(ClientInfo::wFrames)
        .findFirst()
        .orElseThrow(() -> new AssertionError(".broker is not registered"));
  }

  @Test
  @DisplayName("C53 a mask matching nobody still ACKs 01")
  void noRecipients() {
    assertReaches(6, "nobody.*", Set.of());
  }
}

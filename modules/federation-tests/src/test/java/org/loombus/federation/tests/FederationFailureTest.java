package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.federation.tests.Wire.awaitKnown;

import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Peer;

/**
 * What happens when part of the federation fails (docs/federation.md#failures): a node dies, a
 * NATS server of the cluster dies, a node loses NATS altogether, a host's link is cut and comes
 * back. Each test builds its own hosts, since it breaks them.
 */
class FederationFailureTest {
  /** Three heartbeats of 1 s, and the margin of the tick that notices. */
  private static final Duration EXPIRY = Duration.ofSeconds(5);

  private static Peer peer(Lab lab, int host, String name) {
    return Peer.register(UnixDomainSocketAddress.of(lab.socket(host)), name);
  }

  /** Sends QoS-1 messages to {@code target} until the ACK carries {@code code}. */
  private static void awaitAck(Peer from, String target, int code, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int id = 70_000; ; id++) {
      from.send(id, 0x52, target, "probe");
      int got = Lab.readAck(from.raw, id)[5] & 0xFF;
      if (got == code) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "ACK to " + target + " still "
          + Integer.toHexString(got) + ", not " + Integer.toHexString(code));
      Lab.sleep(100);
    }
  }

  private static boolean listed(Peer on, String name, int id) {
    for (Object o : (List<?>) Wire.coreCall(on, id, "client.list").get("clients")) {
      if (((Map<?, ?>) o).get("name").equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Test
  @DisplayName("a node that dies leaves the others' view within three heartbeats; its names then get 71")
  void nodeDeath() {
    try (Lab lab = Lab.running(3); Peer a = peer(lab, 1, "nd.a"); Peer gone = peer(lab, 3, "nd.gone")) {
      awaitKnown(a, gone);
      assertTrue(listed(a, "nd.gone", 1));
      lab.killNode(3);
      long deadline = System.nanoTime() + EXPIRY.toNanos();
      int id = 2;
      while (listed(a, "nd.gone", id++)) {
        assertTrue(System.nanoTime() < deadline, "nd.gone still listed after " + EXPIRY);
        Lab.sleep(100);
      }
      a.send(1, 0x52, "nd.gone", "anyone?");
      a.expectAck(1, 0x71);
      Map<?, ?> fed = (Map<?, ?>) Wire.coreCall(a, 99, "stats").get("federation");
      assertEquals(1L, ((Number) fed.get("nodes")).longValue());
    }
  }

  @Test
  @DisplayName("a NATS server of the cluster dies: its node moves to another server and no acknowledged frame is lost")
  void natsServerDeath() {
    try (Lab lab = Lab.running(3); Peer tx = peer(lab, 1, "sd.tx"); Peer rx = peer(lab, 2, "sd.rx")) {
      awaitKnown(tx, rx);
      int n = 300;
      Set<Integer> acked = new HashSet<>();
      for (int i = 1; i <= n; i++) {
        if (i == 100) {
          lab.killNats(1); // the server node 1 is connected to
        }
        tx.send(i, 0x52, "sd.rx", "n" + i);
        int code = Lab.readAck(tx.raw, i)[5] & 0xFF;
        if (code == 0x01) {
          acked.add(i);
        }
      }
      Set<Integer> delivered = Lab.drainNumbered(rx.raw, "sd.tx");
      Set<Integer> lost = new HashSet<>(acked);
      lost.removeAll(delivered);
      assertEquals(Set.of(), lost, "acknowledged but never delivered");
      assertTrue(acked.contains(n), "frames cross again after the move; acked " + acked.size());
      Map<?, ?> fed = (Map<?, ?>) Wire.coreCall(tx, 999, "stats").get("federation");
      assertTrue(((Number) fed.get("reconnects")).longValue() >= 1, "reconnected: " + fed);
      assertTrue(!fed.get("server").equals(Lab.url(1)), "moved off the dead server: " + fed);
    }
  }

  @Test
  @DisplayName("a node that loses NATS keeps its local bus, fails remote sends with 73, and resynchronises when NATS is back")
  void linkLoss() {
    try (Lab lab = Lab.create(2)) {
      lab.startNats(1);
      lab.startNats(2);
      lab.startNode(1, new int[] {1});
      lab.startNode(2, new int[] {2});
      lab.awaitMesh(Duration.ofSeconds(30));
      try (Peer a = peer(lab, 1, "ll.a"); Peer b = peer(lab, 2, "ll.b");
          Peer local = peer(lab, 2, "ll.local")) {
        awaitKnown(b, a);
        // No server left within node 2's reach: its own dies, the one it learnt of is cut off.
        lab.cut(2);
        lab.killNats(2);
        awaitAck(b, "ll.a", 0x73, Duration.ofSeconds(10));
        b.send(1, 0x52, "ll.local", "still here");
        local.expect(Peer.message("ll.b", "still here"));
        b.expectAck(1, 0x01);
        awaitAck(a, "ll.b", 0x71, EXPIRY.plusSeconds(5)); // node 2 left node 1's view
        try (Peer late = peer(lab, 1, "ll.late")) { // registered while node 2 is away
          lab.restore(2);
          lab.startNats(2);
          awaitKnown(b, a);
          awaitKnown(b, late);
          awaitKnown(a, b);
        }
      }
    }
  }

  @Test
  @DisplayName("a host whose link is cut drops out of the others' view and comes back with its names when the link returns")
  void linkCut() {
    try (Lab lab = Lab.running(3); Peer a = peer(lab, 1, "lc.a"); Peer c = peer(lab, 3, "lc.c")) {
      awaitKnown(a, c);
      lab.cut(3);
      awaitAck(a, "lc.c", 0x71, EXPIRY.plusSeconds(15));
      try (Peer during = peer(lab, 3, "lc.during")) { // registered while cut off
        lab.restore(3);
        awaitKnown(a, c);
        awaitKnown(a, during);
        awaitKnown(c, a);
      }
    }
  }
}

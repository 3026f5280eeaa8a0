package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.federation.tests.Wire.awaitKnown;

import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Peer;

/**
 * The long run ({@code ./dev soak}): cycles of acknowledged traffic between three hosts while, in
 * turn, a NATS server dies and comes back and a host's link is cut and restored; after every
 * cycle each {@code 01}-acknowledged frame has been delivered and the three nodes reach each other
 * again. {@code -Dloombus.federation.cycles=N} (default 10) sets the number of cycles.
 */
class FederationSoakTest {
  private static final int CYCLES = Integer.getInteger("loombus.federation.cycles", 10);
  private static final int FRAMES = 200;

  private static Peer peer(Lab lab, int host, String name) {
    return Peer.register(UnixDomainSocketAddress.of(lab.socket(host)), name);
  }

  @Test
  @DisplayName("server deaths and link cuts under traffic, cycle after cycle: no acknowledged frame lost")
  void cycles() {
    try (Lab lab = Lab.running(3)) {
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        int victim = 1 + cycle % 3;
        int from = 1 + (cycle + 1) % 3;
        int to = 1 + (cycle + 2) % 3;
        try (Peer tx = peer(lab, from, "soak.tx" + cycle); Peer rx = peer(lab, to, "soak.rx" + cycle)) {
          awaitKnown(tx, rx);
          Set<Integer> acked = new HashSet<>();
          for (int i = 1; i <= FRAMES; i++) {
            if (i == FRAMES / 4) {
              if (cycle % 2 == 0) {
                lab.killNats(victim);
              } else {
                lab.cut(victim);
              }
            }
            if (i == FRAMES / 2) {
              if (cycle % 2 == 0) {
                lab.startNats(victim);
              } else {
                lab.restore(victim);
              }
            }
            tx.send(i, 0x52, rx.name, "n" + i);
            if ((Lab.readAck(tx.raw, i)[5] & 0xFF) == 0x01) {
              acked.add(i);
            }
          }
          Set<Integer> delivered = Lab.drainNumbered(rx.raw, tx.name);
          acked.removeAll(delivered);
          assertEquals(Set.of(), acked, "cycle " + cycle + ": acknowledged but never delivered");
        }
        lab.awaitMesh(Duration.ofSeconds(60));
      }
    }
  }
}

package org.loombus.aldrin.broker.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The broker's connection counters since it started, never reset. Counted where the connections
 * are accepted and dropped, on whichever thread that happens, so they are adders, not fields
 * under the routing lock.
 */
public final class Tally {
  private final LongAdder accepted = new LongAdder();
  private final LongAdder[] drops = new LongAdder[DropCause.values().length];

  /** All counters at zero. */
  public Tally() {
    for (int i = 0; i < drops.length; i++) {
      drops[i] = new LongAdder();
    }
  }

  void accepted() {
    accepted.increment();
  }

  void dropped(DropCause cause) {
    drops[cause.ordinal()].increment();
  }

  /** @return clients that completed the handshake and joined the routing table */
  public long acceptedCount() {
    return accepted.sum();
  }

  /**
   * @param cause a kind of disconnect
   * @return how many there were
   */
  public long count(DropCause cause) {
    return drops[cause.ordinal()].sum();
  }
}

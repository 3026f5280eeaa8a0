package org.loombus.client.internal;

/**
 * Decides whether the reactor polls its sockets a few more times without blocking before it
 * sleeps in the selector. An answer that arrives while the reactor still polls costs neither a
 * wake-up of the reactor nor, for the broker, the wake-up of a sleeping reader: on a 2-core
 * machine {@code loombus benchmark -w 8} against {@code loombusd} ran the acknowledged and RPC
 * stages 19-38 % faster with fewer CPU-seconds per operation in both processes. When answers come
 * later than the polls last (one request at a time, each answer tens of microseconds away), the
 * polls only burn CPU and slowed such a lone caller by 15 %. So polling is earned: each round of
 * polls that finds something adds credit, each that finds nothing spends it, and without credit
 * only every {@value #PROBE_EVERY}th chance is tried, to notice when polling pays again.
 *
 * <p>Used by the reactor thread only.
 */
final class BusyPoll {
  /** Non-blocking polls per round: about 10-20 µs, longer rounds measured no better. */
  static final int POLLS = 20;
  private static final int MAX_CREDIT = 16;
  /** A hit earns two misses: polling stays on while at least a third of the rounds find work. */
  private static final int HIT_CREDIT = 2;
  private static final int PROBE_EVERY = 32;

  private int credit = MAX_CREDIT;
  private int sinceProbe;

  /**
   * Asked when the reactor is about to block after a pass that read from a socket (a request
   * answered now is likely to bring another answer soon).
   *
   * @return whether to run a round of polls first
   */
  boolean worthTrying() {
    if (credit > 0) {
      return true;
    }
    if (++sinceProbe < PROBE_EVERY) {
      return false;
    }
    sinceProbe = 0;
    return true;
  }

  /** @param found whether the round of polls found a ready socket */
  void record(boolean found) {
    if (found) {
      credit = Math.min(MAX_CREDIT, credit + HIT_CREDIT);
    } else if (credit > 0) {
      credit--;
    }
  }
}

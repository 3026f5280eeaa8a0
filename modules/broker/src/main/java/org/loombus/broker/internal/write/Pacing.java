package org.loombus.broker.internal.write;

/**
 * Threads that a full receiver may hold back besides a client's own reader: the broker's
 * announcer and a command channel's reader pace their own work when a receiver is slow, instead
 * of having the receiver disconnected. A ticker or an application thread is never marked.
 */
public final class Pacing {
  private static final ThreadLocal<Boolean> PACED = new ThreadLocal<>();

  private Pacing() {}

  /** Marks the calling thread for good. */
  public static void allowOnThisThread() {
    PACED.set(Boolean.TRUE);
  }

  /** @return whether the calling thread was marked */
  static boolean allowedOnThisThread() {
    return PACED.get() == Boolean.TRUE;
  }
}

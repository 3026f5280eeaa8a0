package org.loombus.broker.internal.write;

/**
 * Where frames for one client wait until they are written (a transport client) or taken (an
 * in-process client). Every kind decides its own back-pressure: what a full queue means for the
 * sender is a method of the receiver's outbox, never a test of its class.
 */
public interface Outbox {
  /** Accepted. */
  int QUEUED = 0;
  /** Refused: the queue is at capacity. */
  int FULL = 1;
  /** Refused: the client is gone. */
  int CLOSED = 2;
  /** Refused: the broker's memory budget is spent; the client itself is within its limits. */
  int NO_MEMORY = 3;

  /**
   * Queues a delivered data frame without waiting on a transport client.
   *
   * @param frame the whole frame, shared with other recipients (never modified)
   * @param realtime whether to write it at once
   * @return {@link #QUEUED}, {@link #FULL}, {@link #NO_MEMORY} or {@link #CLOSED}
   */
  int offer(byte[] frame, boolean realtime);

  /**
   * Queues an ACK or keep-alive frame for the client itself.
   *
   * @param frame the whole frame
   * @param realtime whether to write it at once
   * @return {@link #QUEUED}, {@link #FULL} or {@link #CLOSED}
   */
  int offerControl(byte[] frame, boolean realtime);

  /** @return frames waiting now */
  int queued();

  /** @return bytes waiting now, frames being written included */
  default long queuedBytes() {
    return 0;
  }

  /** Drops whatever waits and refuses everything from now on; idempotent. */
  void close();

  /** Refuses new frames but still writes what is queued (at shutdown); by default, closes. */
  default void closeAfterDrain() {
    close();
  }

  /**
   * Waits until what {@link #closeAfterDrain} left is written, or the deadline passes.
   *
   * @param deadlineNanos {@link System#nanoTime()} to give up at
   */
  default void awaitDrained(long deadlineNanos) {}

  /**
   * This outbox refused a frame as {@link #FULL} or {@link #NO_MEMORY}; decides whether its
   * sender waits. Waits a
   * bounded time for room and returns true to offer again, or returns false when the frame is to
   * be dropped (the receiver has stopped reading, or the sender is not one that may wait).
   *
   * @param sender the outbox of the client whose frame it is
   * @return whether to offer again
   */
  default boolean holdBack(Outbox sender) {
    return false;
  }

  /**
   * @param now {@link System#nanoTime()}
   * @return whether the client has stopped taking what is written to it
   */
  default boolean stalled(long now) {
    return false;
  }

  /**
   * @return whether the calling thread reads this client's frames, so that holding it back
   *     paces this client (a ticker or an application thread must never be held back)
   */
  default boolean isOwnReader() {
    return false;
  }
}

package org.loombus.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * How far a sender may run ahead of its receiver. The broker disconnects a receiver whose queue
 * overflows (docs/protocol.md §3.9) instead of slowing its sender, so a streaming sender must keep
 * fewer frames in flight than the receiver's queue holds. With thousands in flight this limits
 * nothing but overflow. One sender thread waits; one receiver thread reports.
 */
final class Window {
  private static final long PAUSE_NANOS = 20_000;

  private final long limit;
  private volatile long received;

  /** @param limit frames that may be sent but not yet received */
  Window(long limit) {
    this.limit = limit;
  }

  /** @param total frames the receiver has received so far */
  void received(long total) {
    received = total;
  }

  /**
   * Waits until {@code sent} frames would be within the window.
   *
   * @param sent the sender's count including the frames it is about to send
   * @throws InterruptedException if the run is aborted
   */
  void awaitRoom(long sent) throws InterruptedException {
    while (sent - received > limit) {
      LockSupport.parkNanos(PAUSE_NANOS);
      if (Thread.interrupted()) {
        throw new InterruptedException("run aborted");
      }
    }
  }
}

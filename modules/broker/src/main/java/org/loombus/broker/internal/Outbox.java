package org.loombus.broker.internal;

/** Where frames for one client wait until they are written (socket) or taken (in-process). */
interface Outbox {
  /** Accepted. */
  int QUEUED = 0;
  /** Refused: the queue is at capacity. */
  int FULL = 1;
  /** Refused: the client is gone. */
  int CLOSED = 2;

  /**
   * Queues a delivered data frame without waiting on a socket client.
   *
   * @param frame the whole frame, shared with other recipients (never modified)
   * @param realtime whether to write it at once
   * @return {@link #QUEUED}, {@link #FULL} or {@link #CLOSED}
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

  /** Drops whatever waits and refuses everything from now on; idempotent. */
  void close();
}

package org.loombus.broker.internal;

import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameQueue;
import org.loombus.protocol.Ops;

/**
 * The bounded incoming queue of an in-process client read by {@code receive}. A sender facing a
 * full queue waits up to T for room and then gives up ({@link #FULL}); an in-process client cannot
 * be disconnected, and the reference's alternatives (closing the sender, or waiting forever) are
 * defects: the first punishes the wrong client, the second can deadlock an application.
 */
final class QueueOutbox implements Outbox {
  private final FrameQueue frames;
  private final long waitNanos;

  QueueOutbox(int capacity, long waitNanos) {
    this.frames = new FrameQueue(capacity);
    this.waitNanos = waitNanos;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    Frame f = Frame.of(frame[0] & 0xFF, frame, Ops.BROKER_HEADER_SIZE,
        frame.length - Ops.BROKER_HEADER_SIZE, realtime);
    try {
      if (frames.put(f, waitNanos)) {
        return QUEUED;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FULL;
    }
    return frames.isClosed() ? CLOSED : FULL;
  }

  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return QUEUED; // in-process clients get results directly, not as ACK frames
  }

  /** @return the queue {@code receive} takes from */
  FrameQueue frames() {
    return frames;
  }

  @Override
  public int queued() {
    return frames.size();
  }

  @Override
  public void close() {
    frames.close("the client is no longer registered");
  }
}

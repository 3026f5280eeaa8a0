package org.loombus.broker.internal.write;

import org.loombus.protocol.Frame;
import org.loombus.protocol.wire.FrameQueue;
import org.loombus.protocol.wire.Frames;

/**
 * The bounded incoming queue of an in-process client read by {@code receive}. A sender facing a
 * full queue waits up to T for room and then gives up ({@link #FULL}); an in-process client cannot
 * be disconnected, and the reference's alternatives (closing the sender, or waiting forever) are
 * defects: the first punishes the wrong client, the second can deadlock an application.
 */
public final class QueueOutbox implements Outbox {
  private final FrameQueue frames;
  private final long waitNanos;

  /**
   * @param capacity most frames waiting
   * @param byteCapacity most payload bytes waiting
   * @param waitNanos how long a sender waits for room
   */
  public QueueOutbox(int capacity, long byteCapacity, long waitNanos) {
    this.frames = new FrameQueue(capacity, byteCapacity);
    this.waitNanos = waitNanos;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    Frame f = Frames.viewDelivered(frame);
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
  public FrameQueue frames() {
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

package org.loombus.broker.internal.route;

import java.util.ArrayList;
import java.util.List;
import org.loombus.broker.internal.write.Outbox;

/** An outbox that keeps what it is offered, up to a capacity, so tests can read the frames. */
public final class RecordingOutbox implements Outbox {
  /** Data and control frames in the order offered. */
  public final List<byte[]> frames = new ArrayList<>();
  private final int capacity;
  private boolean closed;

  /** @param capacity frames accepted before it reports FULL */
  public RecordingOutbox(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    if (closed) {
      return CLOSED;
    }
    if (frames.size() >= capacity) {
      return FULL;
    }
    frames.add(frame);
    return QUEUED;
  }

  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return offer(frame, realtime);
  }

  @Override
  public int queued() {
    return frames.size();
  }

  @Override
  public void close() {
    closed = true;
  }

  public boolean isClosed() {
    return closed;
  }
}

package org.loombus.broker.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Ops;

/**
 * The bounded incoming queue of an in-process client read by {@code receive}. A sender facing a
 * full queue waits up to T for room and then gives up ({@link #FULL}); an in-process client cannot
 * be disconnected, and the reference's alternatives (closing the sender, or waiting forever) are
 * defects: the first punishes the wrong client, the second can deadlock an application.
 *
 * <p>Lock discipline: {@link #lock} guards {@link #frames} and {@link #closed}.
 */
final class QueueOutbox implements Outbox {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final int capacity;
  private final long waitNanos;
  private boolean closed;

  QueueOutbox(int capacity, long waitNanos) {
    this.capacity = capacity;
    this.waitNanos = waitNanos;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    Frame f = Frame.of(frame[0] & 0xFF, frame, Ops.BROKER_HEADER_SIZE,
        frame.length - Ops.BROKER_HEADER_SIZE, realtime);
    lock.lock();
    try {
      long left = waitNanos;
      while (frames.size() >= capacity && !closed) {
        if (left <= 0) {
          return FULL;
        }
        left = notFull.awaitNanos(left);
      }
      if (closed) {
        return CLOSED;
      }
      frames.addLast(f);
      notEmpty.signal();
      return QUEUED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FULL;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return QUEUED; // in-process clients get results directly, not as ACK frames
  }

  /**
   * @param timeoutNanos how long to wait; negative waits without limit
   * @return the next frame; {@code null} on timeout or once closed and empty
   * @throws InterruptedException if interrupted
   */
  Frame take(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long left = timeoutNanos;
      while (frames.isEmpty()) {
        if (closed) {
          return null;
        }
        if (timeoutNanos < 0) {
          notEmpty.await();
        } else if (left <= 0) {
          return null;
        } else {
          left = notEmpty.awaitNanos(left);
        }
      }
      Frame f = frames.pollFirst();
      notFull.signal();
      return f;
    } finally {
      lock.unlock();
    }
  }

  boolean isClosedAndEmpty() {
    lock.lock();
    try {
      return closed && frames.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int queued() {
    lock.lock();
    try {
      return frames.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}

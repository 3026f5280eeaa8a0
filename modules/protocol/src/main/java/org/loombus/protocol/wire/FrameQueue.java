package org.loombus.protocol.wire;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Frame;

/**
 * The bounded queue of frames delivered to a client and taken by {@code receive}, for socket and
 * in-process clients alike. A producer waits a limited time for room, or asks to be told when
 * there is room ({@link #whenRoom}); once closed, takers get what is left and then a
 * {@link ClientClosedException} carrying the reason.
 *
 * <p>Lock discipline: {@link #lock} guards {@link #frames}, {@link #closedReason} and
 * {@link #roomListener}.
 */
public final class FrameQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final int capacity;
  private final long byteCapacity;
  /** Payload bytes of the frames held. */
  private long bytes;
  private String closedReason;
  private Runnable roomListener;
  private volatile Predicate<Frame> interceptor;

  /** @param capacity most frames held at once */
  public FrameQueue(int capacity) {
    this(capacity, Long.MAX_VALUE);
  }

  /**
   * @param capacity most frames held at once
   * @param byteCapacity most payload bytes held at once; one frame larger than this fits into
   *     an empty queue
   */
  public FrameQueue(int capacity, long byteCapacity) {
    this.capacity = capacity;
    this.byteCapacity = byteCapacity;
  }

  /** Called with the lock held. */
  private boolean full(long more) {
    return frames.size() >= capacity || !frames.isEmpty() && bytes + more > byteCapacity;
  }

  /**
   * @param interceptor sees each frame in {@link #put} first and takes it by returning true;
   *     {@code null} for none (see {@link BusClient#intercept})
   */
  public void intercept(Predicate<Frame> interceptor) {
    this.interceptor = interceptor;
  }

  /**
   * @param f a delivered frame
   * @param waitNanos how long to wait for room; 0 does not wait
   * @return false if the queue stayed full that long, or is closed
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean put(Frame f, long waitNanos) throws InterruptedException {
    Predicate<Frame> i = interceptor;
    if (i != null && i.test(f)) {
      return true;
    }
    lock.lock();
    try {
      long left = waitNanos;
      while (full(f.payloadLength()) && closedReason == null) {
        if (left <= 0) {
          return false;
        }
        left = notFull.awaitNanos(left);
      }
      if (closedReason != null) {
        return false;
      }
      frames.addLast(f);
      bytes += f.payloadLength();
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code listener} once when there is room: at once if there is now, else on the thread
   * whose take makes room. For a producer that must not wait, e.g. an event loop that stops
   * reading its socket meanwhile. A later call replaces an earlier listener not yet run.
   *
   * @param listener what to run; quick, it runs on a taker's thread
   */
  public void whenRoom(Runnable listener) {
    lock.lock();
    try {
      if (full(0) && closedReason == null) {
        roomListener = listener;
        return;
      }
    } finally {
      lock.unlock();
    }
    listener.run();
  }

  /**
   * @param timeoutNanos how long to wait; negative waits without limit
   * @return the next frame, or {@code null} if none arrived in time
   * @throws InterruptedException if interrupted while waiting
   * @throws ClientClosedException once closed and empty
   */
  public Frame take(long timeoutNanos) throws InterruptedException {
    Runnable room = null;
    lock.lock();
    try {
      long left = timeoutNanos;
      while (frames.isEmpty()) {
        if (closedReason != null) {
          throw new ClientClosedException(closedReason);
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
      bytes -= f.payloadLength();
      notFull.signal();
      room = roomListener;
      roomListener = null;
      return f;
    } finally {
      lock.unlock();
      if (room != null) {
        room.run();
      }
    }
  }

  /** @return frames waiting now */
  public int size() {
    lock.lock();
    try {
      return frames.size();
    } finally {
      lock.unlock();
    }
  }

  /** @return whether {@link #close} was called */
  public boolean isClosed() {
    lock.lock();
    try {
      return closedReason != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets takers drain what is queued, then fail; frees a waiting producer. The first reason wins.
   *
   * @param reason the message of later {@link ClientClosedException}s
   */
  public void close(String reason) {
    lock.lock();
    try {
      if (closedReason == null) {
        closedReason = reason;
      }
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}

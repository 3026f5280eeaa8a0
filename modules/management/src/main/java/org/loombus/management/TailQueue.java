package org.loombus.management;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The publications one tail has received and not yet written, bounded in count and bytes. The
 * broker's delivering thread offers and never waits: what does not fit is dropped and counted, so
 * a slow viewer costs the bus nothing. Payloads above {@value #KEPT_BYTES} bytes keep only their
 * first {@value #HEAD_BYTES} bytes.
 */
final class TailQueue {
  /** Publications held at most. */
  static final int CAPACITY = 256;
  /** Payload bytes held at most, all publications together. */
  static final int CAPACITY_BYTES = 1 << 20;
  /** Largest payload kept whole. */
  static final int KEPT_BYTES = 64 * 1024;
  /** What is kept of a larger one. */
  static final int HEAD_BYTES = 256;

  /**
   * One publication as the tail shows it.
   *
   * @param topic its topic
   * @param sender who published it
   * @param size its payload's length
   * @param payload the payload, or its first {@value #HEAD_BYTES} bytes when {@code size} is
   *     larger than {@value #KEPT_BYTES}
   */
  record Item(String topic, String sender, int size, byte[] payload) {
    boolean truncated() {
      return payload.length < size;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  // Guarded by lock:
  private final ArrayDeque<Item> items = new ArrayDeque<>();
  private long bytes;
  private long dropped;
  private final AtomicLong allDrops;

  /** @param allDrops counts this queue's drops together with those of the other tails */
  TailQueue(AtomicLong allDrops) {
    this.allDrops = allDrops;
  }

  /** Adds a publication, or counts it as dropped when the queue is full; never waits. */
  void offer(String topic, String sender, ByteBuffer payload) {
    int size = payload.remaining();
    byte[] kept = new byte[size > KEPT_BYTES ? HEAD_BYTES : size];
    payload.get(kept);
    lock.lock();
    try {
      if (items.size() >= CAPACITY || bytes + kept.length > CAPACITY_BYTES) {
        dropped++;
        allDrops.incrementAndGet();
        return;
      }
      items.add(new Item(topic, sender, size, kept));
      bytes += kept.length;
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param wait how long to wait for one
   * @return the oldest publication, or {@code null} if none came within {@code wait}
   */
  Item poll(Duration wait) throws InterruptedException {
    long nanos = wait.toNanos();
    lock.lockInterruptibly();
    try {
      while (items.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = nonEmpty.awaitNanos(nanos);
      }
      Item item = items.poll();
      bytes -= item.payload().length;
      return item;
    } finally {
      lock.unlock();
    }
  }

  /** @return publications dropped so far because the queue was full */
  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}

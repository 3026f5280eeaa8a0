package org.loombus.broker.internal.write;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all clients together may hold in the broker's heap: outgoing queues, read buffers
 * beyond their first, subscriptions. A reservation that would pass the limit is refused, so the
 * sum stays below it however many clients misbehave at once. Holders reserve in chunks and return
 * what they no longer need, so the shared counter is not touched for every frame.
 */
public final class MemoryBudget {
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  /** @param limit bytes that may be reserved at once */
  public MemoryBudget(long limit) {
    this.limit = limit;
  }

  /**
   * @param bytes how much more to hold
   * @return whether it was granted; nothing is reserved when not
   */
  public boolean tryReserve(long bytes) {
    long now;
    do {
      now = used.get();
      if (now + bytes > limit) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  /** @param bytes what a holder gives back of what it reserved */
  public void release(long bytes) {
    used.addAndGet(-bytes);
  }

  /** @return bytes reserved now */
  public long used() {
    return used.get();
  }

  /** @return the limit */
  public long limit() {
    return limit;
  }
}

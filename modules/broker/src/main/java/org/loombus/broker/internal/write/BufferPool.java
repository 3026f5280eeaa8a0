package org.loombus.broker.internal.write;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Direct write buffers lent to connection writers for the duration of one batch. Only writers
 * that are writing hold one, so an idle connection costs no buffer. The free list is an array
 * under a lock rather than a concurrent linked queue, whose node per return was an allocation
 * per write on the acknowledged path.
 */
public final class BufferPool {
  private final int size;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

  /** @param size bytes per buffer */
  public BufferPool(int size) {
    this.size = size;
  }

  /** @return a cleared buffer, pooled or new */
  public ByteBuffer take() {
    ByteBuffer b;
    lock.lock();
    try {
      b = free.pollLast();
    } finally {
      lock.unlock();
    }
    return b != null ? b.clear() : ByteBuffer.allocateDirect(size);
  }

  /** @param b a buffer taken from this pool, no longer used */
  public void give(ByteBuffer b) {
    lock.lock();
    try {
      free.addLast(b);
    } finally {
      lock.unlock();
    }
  }
}

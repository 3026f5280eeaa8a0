package org.loombus.broker.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Direct write buffers lent to connection writers for the duration of one batch. Only writers
 * that are writing hold one, so an idle connection costs no buffer.
 */
final class BufferPool {
  private final int size;
  private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();

  BufferPool(int size) {
    this.size = size;
  }

  ByteBuffer take() {
    ByteBuffer b = free.poll();
    return b != null ? b.clear() : ByteBuffer.allocateDirect(size);
  }

  void give(ByteBuffer b) {
    free.offer(b);
  }
}

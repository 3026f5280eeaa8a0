package org.loombus.aldrin.broker.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The frames waiting to be written to one client, bounded in frames and in bytes. The router
 * offers frames while it holds the routing lock, so offering never blocks: a full outbox refuses
 * the frame and the client is disconnected. The connection's writer thread takes them in batches.
 */
final class Outbox {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
  private final int maxFrames;
  private final long maxBytes;
  private long bytes;
  // No more offers; the writer ends once the queue is empty.
  private boolean finished;
  // The writer ends at once, dropping what is queued.
  private boolean aborted;

  Outbox(int maxFrames, long maxBytes) {
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
  }

  /** @return false if the frame does not fit (or the outbox is finished) */
  boolean offer(byte[] frame) {
    lock.lock();
    try {
      if (finished || aborted) {
        return false;
      }
      if (frames.size() >= maxFrames || bytes + frame.length > maxBytes) {
        return false;
      }
      frames.add(frame);
      bytes += frame.length;
      ready.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Accepts this last frame even beyond the limits (a Shutdown), then no more. */
  void finishWith(byte[] last) {
    lock.lock();
    try {
      if (!finished && !aborted && last != null) {
        frames.add(last);
        bytes += last.length;
      }
      finished = true;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is queued and ends the writer. */
  void abort() {
    lock.lock();
    try {
      aborted = true;
      frames.clear();
      bytes = 0;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** @return what is queued now, waiting until something is; empty once finished and drained */
  List<byte[]> takeBatch() throws InterruptedException {
    lock.lock();
    try {
      while (frames.isEmpty() && !finished && !aborted) {
        ready.await();
      }
      List<byte[]> batch = new ArrayList<>(frames.size());
      if (!aborted) {
        batch.addAll(frames);
      }
      frames.clear();
      bytes = 0;
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** @return a description of the limits, for the disconnect reason */
  String limits() {
    return maxFrames + " frames / " + maxBytes + " bytes";
  }
}

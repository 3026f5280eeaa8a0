package org.loombus.broker.internal.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded outgoing queue of a client attached through a byte stream (a socket, or any other
 * {@link org.loombus.broker.Transport}) and its writer loop. Producers never wait: a full
 * queue is reported to the caller (docs/protocol.md §3.9). The writer takes everything queued in
 * one swap and writes it through a pooled buffer, so many small frames leave in one system call.
 * Every frame is written as soon as the writer gets to it, which satisfies the real-time rule of
 * docs/protocol.md §2.9; the reference's optional delay before non-real-time writes ({@code
 * buf_ttl}) is not applied, since frames that arrive while a write is under way are batched anyway
 * and the delay measured only slower here (QoS-1 round trips 39 k/s with 10 µs against 62 k/s
 * without, QoS-0 throughput unchanged).
 *
 * <p>The client's own reader thread (the {@link #own owner}) does not wake the writer for what it
 * queues (its ACKs, replies of {@code .broker}, messages to itself): it writes them itself with
 * {@link #flushOwn} just before it blocks reading again, so a request/answer exchange costs no
 * thread hand-off and everything one read produced leaves in one write.
 *
 * <p>Back-pressure ({@link #holdBack}): a sender finding the queue full is held back until a
 * write takes the queue, so a receiver that is merely slower than its sender paces it instead of
 * being disconnected (the reference drops it at once, which makes its own benchmark fail). Only
 * the reader thread of another stream client is held back, never a ticker or an application
 * thread. Once the receiver has stopped reading ({@link #stalled}: a write to it blocked for the
 * stall time), it is dropped instead, with ACK {@code 77} for a direct message, well before its
 * write deadline would end it anyway.
 *
 * <p>Lock discipline: {@link #lock} guards {@link #queue}, {@link #closed}, {@link #draining},
 * {@link #parked}, {@link #writing}, {@link #finished} and {@link #roomWaiters}. Whoever set {@link #writing} (the writer thread or the
 * owner) is the only one touching the channel until it clears it; each keeps its own batch deque.
 */
public final class StreamOutbox implements Outbox {
  /** How the writer reaches the stream; implemented by the session, which keeps the deadlines. */
  public interface Sink {
    /**
     * Writes all of {@code b}, blocking.
     *
     * @param b the bytes
     * @throws IOException if the write fails
     */
    void write(ByteBuffer b) throws IOException;

    /** @return {@link System#nanoTime()} when the write under way began, 0 when none is */
    long writingSince();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Condition done = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final int capacity;
  private final Sink sink;
  private final BufferPool pool;
  private final long stallNanos;
  private final long recheckNanos;
  private ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean closed;
  private boolean draining;
  private boolean parked;
  private boolean writing;
  private boolean finished;
  private int roomWaiters;
  private volatile Thread owner;
  private ArrayDeque<byte[]> ownBatch = new ArrayDeque<>();

  /**
   * @param capacity most data frames queued; ACKs and keep-alives may take it to twice that
   * @param sink the stream
   * @param pool where write buffers come from
   * @param stallNanos how long a write may block before the receiver counts as not reading
   * @param recheckNanos how long a held-back sender waits before it looks again whether the
   *     receiver has stalled meanwhile
   */
  public StreamOutbox(int capacity, Sink sink, BufferPool pool, long stallNanos,
      long recheckNanos) {
    this.capacity = capacity;
    this.sink = sink;
    this.pool = pool;
    this.stallNanos = stallNanos;
    this.recheckNanos = recheckNanos;
  }

  /** @param reader the thread that reads this client's frames and flushes its own output */
  public void own(Thread reader) {
    owner = reader;
  }

  @Override
  public boolean isOwnReader() {
    return Thread.currentThread() == owner;
  }

  /**
   * @param now {@link System#nanoTime()}
   * @return whether the client has stopped reading: a write to it has been blocked for the stall
   *     time
   */
  public boolean stalled(long now) {
    long since = sink.writingSince();
    return since != 0 && now - since >= stallNanos;
  }

  @Override
  public boolean holdBack(Outbox sender) {
    if (!sender.isOwnReader()) {
      return false; // only a stream client's own reader may wait (not a ticker or an application)
    }
    try {
      if (sender == this) {
        // a client's own reader writes what it queued for itself: nobody else would
        flushOwn();
      }
      long now = System.nanoTime();
      if (stalled(now)) {
        return false;
      }
      awaitRoom(now + recheckNanos);
      return true;
    } catch (IOException e) {
      return false; // the sender's own connection failed; its reader ends on its next read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    return enqueue(frame, realtime, capacity);
  }

  /** ACKs may exceed the capacity up to twice it: the client's own traffic must not be lost. */
  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return enqueue(frame, realtime, 2 * capacity);
  }

  private int enqueue(byte[] frame, boolean realtime, int limit) {
    lock.lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (queue.size() >= limit) {
        return FULL;
      }
      queue.addLast(frame);
      if (parked && Thread.currentThread() != owner) {
        parked = false;
        wake.signal();
      }
      return QUEUED;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      queue.clear();
      wake.signal();
      signalRoom();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new frames but lets the writer write what is queued, then end. */
  @Override
  public void closeAfterDrain() {
    lock.lock();
    try {
      closed = true;
      draining = true;
      wake.signal();
      signalRoom();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a data frame fits, the outbox closes, or the deadline passes.
   *
   * @param deadlineNanos {@link System#nanoTime()} to give up at
   * @throws InterruptedException if interrupted
   */
  private void awaitRoom(long deadlineNanos) throws InterruptedException {
    lock.lock();
    try {
      roomWaiters++;
      try {
        long left = deadlineNanos - System.nanoTime();
        while (queue.size() >= capacity && !closed && left > 0) {
          left = room.awaitNanos(left);
        }
      } finally {
        roomWaiters--;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held, after the queue shrank or closed. */
  private void signalRoom() {
    if (roomWaiters > 0) {
      room.signalAll();
    }
  }

  /**
   * Waits until the writer loop has ended, e.g. after {@link #closeAfterDrain}. A writer that is
   * about to start (its client registered a moment ago) is waited for too.
   */
  @Override
  public void awaitDrained(long deadlineNanos) {
    lock.lock();
    try {
      long left = deadlineNanos - System.nanoTime();
      while (!finished && left > 0) {
        left = done.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes queued frames until the outbox is closed (and, after {@link #closeAfterDrain}, empty).
   *
   * @throws IOException if a write fails
   * @throws InterruptedException if the writer thread is interrupted
   */
  public void writeLoop() throws IOException, InterruptedException {
    try {
      drainLoop();
    } finally {
      lock.lock();
      try {
        finished = true;
        done.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void drainLoop() throws IOException, InterruptedException {
    ArrayDeque<byte[]> batch = new ArrayDeque<>();
    while (true) {
      lock.lock();
      try {
        // While the owner writes, the channel is its; the writer waits even when closed.
        while (writing || (queue.isEmpty() && !closed)) {
          parked = true;
          wake.await();
        }
        parked = false;
        if (queue.isEmpty() || (closed && !draining)) {
          return;
        }
        writing = true;
        ArrayDeque<byte[]> full = queue;
        queue = batch;
        batch = full;
        signalRoom();
      } finally {
        lock.unlock();
      }
      try {
        writeBatch(batch);
      } finally {
        release();
      }
    }
  }

  /**
   * Called by the owner before it blocks reading: writes what is queued, unless the writer is
   * busy (it then takes the frames itself after its current batch).
   *
   * @throws IOException if the write fails
   */
  public void flushOwn() throws IOException {
    ArrayDeque<byte[]> batch;
    lock.lock();
    try {
      if (queue.isEmpty() || writing || closed) {
        return;
      }
      writing = true;
      batch = queue;
      queue = ownBatch;
      ownBatch = batch;
      signalRoom();
    } finally {
      lock.unlock();
    }
    try {
      writeBatch(batch);
    } finally {
      release();
    }
  }

  /** Ends a write; frames queued meanwhile go to the writer. */
  private void release() {
    lock.lock();
    try {
      writing = false;
      if (parked && (!queue.isEmpty() || closed)) {
        parked = false;
        wake.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  private void writeBatch(ArrayDeque<byte[]> batch) throws IOException {
    ByteBuffer buf = pool.take();
    try {
      for (byte[] f = batch.pollFirst(); f != null; f = batch.pollFirst()) {
        if (f.length > buf.remaining()) {
          flush(buf);
          if (f.length > buf.capacity()) {
            sink.write(ByteBuffer.wrap(f));
            continue;
          }
        }
        buf.put(f);
      }
      flush(buf);
    } finally {
      batch.clear();
      pool.give(buf);
    }
  }

  private void flush(ByteBuffer buf) throws IOException {
    if (buf.position() > 0) {
      buf.flip();
      sink.write(buf);
      buf.clear();
    }
  }
}

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
 * the reader thread of another stream client, or a thread marked by {@link Pacing}, is held
 * back, never a ticker or an application thread. Once the receiver has stopped reading ({@link #stalled}: a write to it blocked for the
 * stall time), it is dropped instead, with ACK {@code 77} for a direct message, well before its
 * write deadline would end it anyway.
 *
 * <p>The queue is bounded in frames and in bytes (queued and being written), and every data
 * frame's bytes come out of the broker's {@link MemoryBudget} until written. ACKs and keep-alives
 * may take the queue to twice both bounds and do not draw on the budget: a client's own traffic
 * must not be lost for someone else's.
 *
 * <p>Lock discipline: {@link #lock} guards {@link #queue}, {@link #queuedBytes},
 * {@link #batchBytes}, {@link #reserved}, {@link #closed}, {@link #draining}, {@link #parked},
 * {@link #writing}, {@link #finished} and {@link #roomWaiters}. Whoever set {@link #writing} (the writer thread or the
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
  /** Bytes reserved from the budget at a time while frames keep coming; returned once written. */
  private static final long BUDGET_CHUNK = 64 * 1024;
  /** Largest write handed to the sink at once, so that a large frame shows its progress. */
  private static final int WRITE_CHUNK = 64 * 1024;

  private final int capacity;
  private final long byteCapacity;
  private final MemoryBudget budget;
  private final Sink sink;
  private final BufferPool pool;
  private final long stallNanos;
  private final long recheckNanos;
  private ArrayDeque<byte[]> queue = new ArrayDeque<>();
  /** Bytes in {@link #queue}. */
  private long queuedBytes;
  /** Bytes of the batch being written. */
  private long batchBytes;
  /** Bytes reserved from the budget, at least those not yet written beyond control frames. */
  private long reserved;
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
   * @param byteCapacity most bytes queued and being written, likewise
   * @param budget where data frames' bytes are reserved from
   * @param sink the stream
   * @param pool where write buffers come from
   * @param stallNanos how long the stream may take no bytes before the receiver counts as not
   *     reading
   * @param recheckNanos how long a held-back sender waits before it looks again whether the
   *     receiver has stalled meanwhile
   */
  public StreamOutbox(int capacity, long byteCapacity, MemoryBudget budget, Sink sink,
      BufferPool pool, long stallNanos, long recheckNanos) {
    this.capacity = capacity;
    this.byteCapacity = byteCapacity;
    this.budget = budget;
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
   * @return whether the client has stopped reading: the stream has taken no bytes of the write
   *     under way for the stall time (a write is at most {@link #WRITE_CHUNK} bytes, so each
   *     chunk taken counts as progress)
   */
  @Override
  public boolean stalled(long now) {
    long since = sink.writingSince();
    return since != 0 && now - since >= stallNanos;
  }

  @Override
  public boolean holdBack(Outbox sender) {
    if (!sender.isOwnReader() && !Pacing.allowedOnThisThread()) {
      return false; // a client's own reader or a paced thread may wait, not a ticker or an app
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
    return enqueue(frame, capacity, byteCapacity, true);
  }

  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return enqueue(frame, 2 * capacity, 2 * byteCapacity, false);
  }

  private int enqueue(byte[] frame, int limit, long byteLimit, boolean fromBudget) {
    lock.lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (queue.size() >= limit || queuedBytes + batchBytes + frame.length > byteLimit) {
        return FULL;
      }
      if (fromBudget && !reserve(frame.length)) {
        return NO_MEMORY;
      }
      queue.addLast(frame);
      queuedBytes += frame.length;
      if (parked && Thread.currentThread() != owner) {
        parked = false;
        wake.signal();
      }
      return QUEUED;
    } finally {
      lock.unlock();
    }
  }

  /** Called with the lock held: covers {@code bytes} more with the budget, in chunks. */
  private boolean reserve(long bytes) {
    long need = queuedBytes + batchBytes + bytes - reserved;
    if (need <= 0) {
      return true;
    }
    long grab = Math.max(need, BUDGET_CHUNK);
    if (!budget.tryReserve(grab)) {
      if (grab == need || !budget.tryReserve(need)) {
        return false;
      }
      grab = need;
    }
    reserved += grab;
    return true;
  }

  /** Called with the lock held: returns what is reserved beyond the pending bytes and keep. */
  private void returnReserve(long keep) {
    long excess = reserved - Math.max(queuedBytes + batchBytes, 0) - keep;
    if (excess > 0) {
      reserved -= excess;
      budget.release(excess);
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
  public long queuedBytes() {
    lock.lock();
    try {
      return queuedBytes + batchBytes;
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
      queuedBytes = 0;
      returnReserve(0);
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
        while ((queue.size() >= capacity || queuedBytes + batchBytes >= byteCapacity
            || budget.used() >= budget.limit()) && !closed && left > 0) {
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
        queue.clear();
        queuedBytes = 0;
        budget.release(reserved);
        reserved = 0;
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
        batchBytes = queuedBytes;
        queuedBytes = 0;
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
      batchBytes = queuedBytes;
      queuedBytes = 0;
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
      batchBytes = 0;
      returnReserve(0);
      signalRoom();
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
            for (int off = 0; off < f.length; off += WRITE_CHUNK) {
              sink.write(ByteBuffer.wrap(f, off, Math.min(WRITE_CHUNK, f.length - off)));
            }
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

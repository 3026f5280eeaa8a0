package org.loombus.federation.internal;

import io.nats.client.Connection;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything this node sends to NATS on behalf of its clients, in one bounded FIFO: the order in
 * which frames are handed in is the order in which they reach NATS, over one connection, so the
 * frames of one sender to one receiver stay in order across nodes (docs/federation.md#ordering).
 *
 * <p>The queue is a list of messages being built: a record for the same subject as the last
 * message goes into it while it stays within {@link #BATCH} bytes, anything else starts a new
 * message (a record larger than that goes alone). So a run of small fire-and-forget frames
 * crosses in few NATS messages, at rates NATS could not carry one message per frame, and a frame
 * costs no object of its own: its bytes are written into the message under the queue's lock, by
 * the thread that hands it in.
 *
 * <p>Who publishes: a record someone waits for (an acknowledged or real-time frame, an answer) is
 * published by the thread that hands it in, if no other is publishing, so that it costs no
 * hand-off to another thread; that thread takes what others queued meanwhile, for at most
 * {@link #ROUNDS} rounds, and leaves the rest to the writer thread, so that no client's reader is
 * kept publishing for everyone. A fire-and-forget record is left to the writer thread, which
 * takes everything queued while it was busy at once: that is what fills the messages when frames
 * come fast (published at once, each would go nearly alone, and NATS's cost per message would
 * bound the rate). Only the holder of {@link #publishing} takes from the queue, so the queue's
 * order is the order of publication.
 *
 * <p>An answer that a record for the same node is likely to follow soon ({@link #answerLater})
 * waits for that record, one to two times {@link #answerWait} at most: the two then cross in one
 * NATS message instead of two. While such answers come, the writer thread wakes every
 * {@link #answerWait} and publishes those that waited at least that long; a wake-up per answer
 * would cost more than the message it saves.
 *
 * <p>A full queue holds the handing-in thread back up to the given time, which paces a socket
 * sender as a full local queue does; after that the frame is refused.
 */
final class Outbound {
  private static final System.Logger LOG = System.getLogger("org.loombus.federation");
  /** Largest NATS message built out of several records. */
  static final int BATCH = 64 * 1024;
  /** Rounds of publishing a handing-in thread does before the writer thread takes over. */
  private static final int ROUNDS = 2;
  /**
   * What a node's answers wait for a record going the same way, at least (at most twice that):
   * long enough for an RPC handler's reply on the node (tens of microseconds), short against the
   * time a caller waits for the answer to the call before.
   */
  static final long ANSWER_WAIT = 200_000;
  /** First size of a message's array; it doubles as records come, up to {@link #BATCH}. */
  private static final int FIRST = 512;

  /** A NATS message being built: room for the envelope, then records. */
  private static final class Message {
    final String subject;
    ByteBuffer bytes;

    Message(String subject, int capacity, int head) {
      this.subject = subject;
      this.bytes = ByteBuffer.allocate(capacity).position(head);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  /** Held by the one thread publishing; guards {@link #seq}. */
  private final ReentrantLock publishing = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final long maxBytes;
  private final long answerWait;
  private final byte[] origin;
  private final int head;
  private final long boot;
  private final Counters counters;
  private ArrayDeque<Message> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closed;
  private boolean writerWanted;
  private volatile Connection connection;
  private long seq;
  /** {@link System#nanoTime()} by which the oldest waiting answer is due, 0 if none waits. */
  private long answersDue;
  /** Whether an answer came since the writer's last tick. */
  private boolean answered;
  /** Whether the writer wakes every {@link #answerWait} (while answers come). */
  private boolean ticking;
  private final Thread writer;

  /**
   * @param maxBytes most record bytes queued at once
   * @param origin this node's name, UTF-8
   * @param boot this node's boot id
   * @param counters where failed publications are counted
   * @param answerWait nanoseconds an answer waits for a record going the same way, at least
   */
  Outbound(long maxBytes, byte[] origin, long boot, Counters counters, long answerWait) {
    this.maxBytes = maxBytes;
    this.answerWait = answerWait;
    this.origin = origin;
    this.head = Records.envelopeSize(origin);
    this.boot = boot;
    this.counters = counters;
    this.writer = Thread.ofPlatform().daemon().name("loombus-federation-out").unstarted(this::run);
  }

  /** @param c the connection to write to from now on */
  void start(Connection c) {
    connection = c;
    if (writer.getState() == Thread.State.NEW) {
      writer.start();
    }
    wakeWriter(); // what was queued before the first connection
  }

  /**
   * Queues a record (see {@link Records#put}) for {@code subject}.
   *
   * @param waitNanos how long to wait for room
   * @return false if it stayed full that long, or the federation is closed
   */
  boolean offer(String subject, byte kind, boolean realtime, long token, byte[] sender,
      byte[] address, byte[] receiver, byte[] src, int off, int len, long waitNanos) {
    boolean now = realtime || kind == Records.ACKED || kind == Records.ANSWER;
    int size = Records.size(kind, sender, address, receiver, len);
    lock.lock();
    try {
      if (!awaitRoom(size, waitNanos)) {
        return false;
      }
      Records.put(room(subject, size), kind, realtime, token, sender, address, receiver, src, off,
          len);
      queuedBytes += size;
      if (!now && !writerWanted) {
        writerWanted = true;
        ready.signal();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
    if (now && connection != null && !publish(ROUNDS)) {
      wakeWriter();
    }
    return true;
  }

  /** Queues the answer to an acknowledged message; waits like {@link #offer}. */
  boolean answer(String subject, long token, int code, long waitNanos) {
    return offer(subject, Records.ANSWER, false, token, null, null, null, null, 0, code,
        waitNanos);
  }

  /**
   * Queues the answer to an acknowledged message to go with the next record for the same
   * subject, or at the latest after twice {@link #answerWait}; waits for room like {@link #offer}.
   */
  boolean answerLater(String subject, long token, int code, long waitNanos) {
    int size = Records.size(Records.ANSWER, null, null, null, code);
    lock.lock();
    try {
      if (!awaitRoom(size, waitNanos)) {
        return false;
      }
      Records.put(room(subject, size), Records.ANSWER, false, token, null, null, null, null, 0,
          code);
      queuedBytes += size;
      if (answersDue == 0) {
        answersDue = System.nanoTime() + answerWait;
      }
      answered = true;
      if (!ticking) {
        ticking = true;
        ready.signal();
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called with the lock held: waits up to {@code waitNanos} for room for {@code size} bytes.
   *
   * @return false if it stayed full that long, or the federation is closed
   */
  private boolean awaitRoom(int size, long waitNanos) throws InterruptedException {
    long nanos = waitNanos;
    while (!closed && queuedBytes + size > maxBytes && queuedBytes > 0) {
      if (nanos <= 0) {
        return false;
      }
      nanos = room.awaitNanos(nanos);
    }
    return !closed;
  }

  /**
   * Called with the lock held: the buffer of the message the next record goes into, the last one
   * if it is for the same subject and stays within {@link #BATCH}, grown as needed; else a new one.
   */
  private ByteBuffer room(String subject, int size) {
    Message last = queue.peekLast();
    if (last != null && last.subject.equals(subject) && last.bytes.position() + size <= BATCH) {
      ByteBuffer b = last.bytes;
      if (b.remaining() < size) {
        int grown = Math.min(BATCH, Math.max(2 * b.capacity(), b.position() + size));
        last.bytes = ByteBuffer.allocate(grown).put(b.flip());
      }
      return last.bytes;
    }
    Message m = new Message(subject, Math.max(FIRST, head + size), head);
    queue.addLast(m);
    return m.bytes;
  }

  /** Stops the writer; what is still queued is dropped. */
  void close() {
    lock.lock();
    try {
      closed = true;
      ready.signalAll();
      room.signalAll();
    } finally {
      lock.unlock();
    }
    writer.interrupt();
  }

  /**
   * Publishes what is queued, if no other thread is publishing (that one then takes it).
   *
   * <p>Whoever lets go of {@link #publishing} looks at the queue again: a record handed in while
   * it held it found the lock taken and left the record to it. (Returning once the queue looked
   * empty, before letting go, left such a record queued with nobody to publish it, until the
   * next frame for another node came: cross-node calls then timed out.)
   *
   * @param rounds how many times to take the queue at most
   * @return false if something is still queued after the last round
   */
  private boolean publish(int rounds) {
    ArrayDeque<Message> batch = new ArrayDeque<>();
    for (int r = 0; r < rounds; r++) {
      if (!publishing.tryLock()) {
        return true; // its holder looks at the queue again once it lets go
      }
      try {
        lock.lock();
        try {
          ArrayDeque<Message> taken = queue;
          queue = batch;
          batch = taken;
          queuedBytes = 0;
          answersDue = 0;
          room.signalAll();
        } finally {
          lock.unlock();
        }
        Connection c = connection;
        for (Message m = batch.pollFirst(); m != null; m = batch.pollFirst()) {
          publish(c, m);
        }
      } finally {
        publishing.unlock();
      }
      lock.lock();
      try {
        if (queue.isEmpty()) {
          return true;
        }
      } finally {
        lock.unlock();
      }
    }
    return false;
  }

  /**
   * Called by the writer with the lock held: whether a waiting answer is due; stops the ticks
   * once a tick went by without answers and none waits.
   */
  private boolean answersDue() {
    if (answersDue != 0) {
      return answersDue - System.nanoTime() <= 0;
    }
    if (!answered) {
      ticking = false;
    }
    return false;
  }

  private void wakeWriter() {
    lock.lock();
    try {
      writerWanted = true;
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The writer thread: publishes what the handing-in threads left, until closed. */
  private void run() {
    while (true) {
      lock.lock();
      try {
        while (!writerWanted && !closed && !answersDue()) {
          if (ticking) {
            answered = false;
            ready.awaitNanos(answerWait);
          } else {
            ready.await(1, TimeUnit.SECONDS);
          }
        }
        if (closed) {
          return;
        }
        writerWanted = false;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      while (!publish(Integer.MAX_VALUE)) {
        Thread.onSpinWait(); // another thread took the lock between our rounds; look again
      }
    }
  }

  /**
   * Stamps the envelope and hands the message to NATS, in an array of its exact size, which NATS
   * owns until it has written it; called holding {@link #publishing}.
   */
  private void publish(Connection c, Message m) {
    ByteBuffer b = m.bytes;
    int end = b.position();
    Records.envelope(b.position(0), origin, boot, ++seq);
    byte[] body = end == b.capacity() ? b.array() : Arrays.copyOf(b.array(), end);
    try {
      c.publish(m.subject, body);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // NATS's own queue stayed full, or the link is gone and its reconnect buffer too
      counters.errors.increment();
      LOG.log(Level.DEBUG, "federation: not sent to {0}: {1}", m.subject, e.getMessage());
    }
  }
}

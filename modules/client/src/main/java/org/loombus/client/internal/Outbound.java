package org.loombus.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * The client's outgoing byte stream over its non-blocking channel (docs/protocol.md §2.1). Frames
 * are appended to one buffer. A frame that wants an ACK or is real-time is written at once by its
 * sender, together with everything before it; fire-and-forget (QoS 0) frames are written by the
 * reactor, which the first of them asks to, so a stream of them leaves in a few large writes (the
 * reference client delays them by {@code buf_ttl} for the same reason). Writes never block: what
 * the socket does not take waits in the buffer and the reactor writes it when the socket is
 * writable. A sender finding the buffer full waits for room, except on the reactor thread, where
 * the buffer grows instead. A frame larger than the buffer waits until the buffer is empty and then
 * gets a buffer of its own size.
 *
 * <p>Lock discipline: {@link #lock} guards {@link #buf}, {@link #ids}, {@link #flushQueued},
 * {@link #wantWritable}, {@link #blockedSince}, {@link #lastWrite}, {@link #closed} and every
 * write to the channel (writes never block, so holding it across one is brief).
 */
final class Outbound {
  private static final byte[] PING = new byte[Ops.CLIENT_HEADER_SIZE];

  private final SocketChannel channel;
  private final ClientReactor reactor;
  private final Consumer<IOException> onFailure;
  private final int bufSize;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final FrameIds ids = new FrameIds();
  private SelectionKey key;
  private ByteBuffer buf;
  private boolean flushQueued;
  private boolean wantWritable;
  private boolean closed;
  /** Since when bytes wait without the socket taking any of them; 0 when nothing waits. */
  private long blockedSince;
  private long lastWrite = System.nanoTime();

  /**
   * @param channel the connection, non-blocking
   * @param bufSize bytes buffered before a sender waits for room
   * @param reactor writes what senders leave behind
   * @param onFailure told when a write on the reactor fails
   */
  Outbound(SocketChannel channel, int bufSize, ClientReactor reactor,
      Consumer<IOException> onFailure) {
    this.channel = channel;
    this.bufSize = bufSize;
    this.reactor = reactor;
    this.onFailure = onFailure;
    this.buf = ByteBuffer.allocateDirect(bufSize).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** @param k the channel's key with the reactor, for asking to be told when it is writable */
  void attach(SelectionKey k) {
    lock.lock();
    try {
      key = k;
      if (wantWritable) {
        setInterest(true); // bytes left behind before the key existed
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends one frame {@code id flags len parts-joined-by-00}.
   *
   * @param flags op code and QoS (docs/protocol.md §2.1)
   * @param parts the body's fields, written with a {@code 00} between each two
   * @param now write it before returning (ACK wanted or real-time), else leave it to the reactor
   * @param onId told the frame's id before the frame can reach the socket, e.g. to expect its ACK
   * @return the frame's id
   * @throws IOException if a write fails
   * @throws ClientClosedException if the connection ended, also while waiting for room
   */
  int append(int flags, byte[][] parts, boolean now, IntConsumer onId) throws IOException {
    int body = Frames.clientBodyLength(parts);
    int size = Ops.CLIENT_HEADER_SIZE + body;
    boolean schedule = false;
    int id;
    lock.lock();
    try {
      makeRoom(size);
      id = ids.next();
      if (onId != null) {
        onId.accept(id);
      }
      Frames.putClientFrame(buf, id, flags, body, parts);
      if (now) {
        writeBuffered();
      } else if (!flushQueued) {
        flushQueued = true;
        schedule = true;
      }
    } finally {
      lock.unlock();
    }
    if (schedule) {
      reactor.execute(this::flushQueued);
    }
    return id;
  }

  /** Called with the lock held: waits for room, or grows the buffer where waiting is wrong. */
  private void makeRoom(int size) throws IOException {
    while (true) {
      if (closed) {
        throw new ClientClosedException("the connection is closed");
      }
      if (buf.remaining() >= size) {
        return;
      }
      writeBuffered();
      if (buf.remaining() >= size) {
        return;
      }
      if (reactor.inReactor() || (size > bufSize && buf.position() == 0)) {
        // The reactor must never wait. A frame larger than the buffer gets one of its own size,
        // but only once everything before it is written: growing behind unwritten frames would
        // hold every large frame sent to a stalled broker until the timeout ends the connection.
        ByteBuffer bigger = ByteBuffer.allocateDirect(buf.position() + Math.max(size, bufSize))
            .order(ByteOrder.LITTLE_ENDIAN);
        buf.flip();
        bigger.put(buf);
        buf = bigger;
        return;
      }
      room.awaitUninterruptibly(); // the reactor drains, or a stall ends the connection
    }
  }

  /** On the reactor: writes the QoS-0 frames a sender left for it. */
  private void flushQueued() {
    IOException failure = null;
    lock.lock();
    try {
      flushQueued = false;
      writeBuffered();
    } catch (IOException e) {
      failure = e;
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      onFailure.accept(failure); // ends the connection; outside the lock it takes to close
    }
  }

  /**
   * On the reactor, when the socket is writable: writes what waits.
   *
   * @throws IOException if the write fails
   */
  void drain() throws IOException {
    lock.lock();
    try {
      writeBuffered();
    } finally {
      lock.unlock();
    }
  }

  /**
   * On the reactor, every tick: pings a connection that wrote nothing for {@code interval}
   * (docs/protocol.md §1.7; anything written keeps it alive as well).
   *
   * @param now {@link System#nanoTime()}
   * @param interval the ping interval
   * @throws IOException if a write fails
   */
  void pingIfIdle(long now, long interval) throws IOException {
    lock.lock();
    try {
      if (now - lastWrite >= interval && buf.remaining() >= PING.length && !closed) {
        buf.put(PING);
        writeBuffered();
      }
    } finally {
      lock.unlock();
    }
  }

  /** @return since when waiting bytes made no progress; 0 if none wait */
  long blockedSince() {
    lock.lock();
    try {
      return blockedSince;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes everything buffered (waiting while the socket is full, up to {@code deadline}) and
   * ends the output, so the broker sees the end at a frame boundary.
   *
   * @param deadline {@link System#nanoTime()} to give up at
   * @return whether the output was ended
   * @throws IOException if a write fails
   */
  boolean finish(long deadline) throws IOException {
    lock.lock();
    try {
      writeBuffered();
      while (buf.position() > 0 && !closed && !reactor.inReactor()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        room.awaitNanos(left);
      }
      if (buf.position() > 0 || closed) {
        return false;
      }
      channel.shutdownOutput();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** The connection ended: wakes senders waiting for room (they fail). */
  void close() {
    lock.lock();
    try {
      closed = true;
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Called with the lock held: writes what the socket takes now. A socket channel is an
   * interruptible channel: an interrupt pending on the caller would close it, ending the
   * connection for every user of the client, so a pending interrupt is set aside during the
   * write and restored afterwards.
   */
  private void writeBuffered() throws IOException {
    int pending = buf.position();
    if (pending == 0 || closed) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      buf.flip();
      while (buf.hasRemaining() && channel.write(buf) > 0) {
        lastWrite = System.nanoTime();
      }
      buf.compact();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (buf.position() == 0) {
      blockedSince = 0;
      if (wantWritable) {
        wantWritable = false;
        setInterest(false);
      }
      if (buf.capacity() > bufSize) {
        buf = ByteBuffer.allocateDirect(bufSize).order(ByteOrder.LITTLE_ENDIAN); // a big frame went
      }
    } else {
      if (buf.position() < pending || blockedSince == 0) {
        blockedSince = System.nanoTime(); // the clock runs from the last progress
      }
      if (!wantWritable) {
        wantWritable = true;
        setInterest(true);
      }
    }
    if (buf.position() < pending) {
      room.signalAll();
    }
  }

  /** Asks the reactor to say when the socket is writable (or stops asking). */
  private void setInterest(boolean wanted) {
    if (key == null || !key.isValid()) {
      return; // attach() asks once the key exists
    }
    if (wanted) {
      key.interestOpsOr(SelectionKey.OP_WRITE);
      reactor.wakeup();
    } else {
      key.interestOpsAnd(~SelectionKey.OP_WRITE);
    }
  }
}

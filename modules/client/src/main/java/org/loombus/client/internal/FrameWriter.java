package org.loombus.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.loombus.protocol.Ops;

/**
 * The client's outgoing byte stream (spec §2.1). Frames are appended to a buffer: a frame that
 * wants an ACK or is real-time is written at once by its sender, together with everything
 * before it; fire-and-forget (QoS 0) frames are written by a flusher thread that the first of them
 * wakes, so a stream of them leaves in a few large writes instead of one system call each (the
 * reference client delays such frames by {@code buf_ttl} for the same reason).
 *
 * <p>Lock discipline: {@link #appendLock} guards {@link #out}, {@link #ids} and
 * {@link #flushQueued}; {@link #channelLock} guards {@link #spare} and every write to the
 * channel, and is always taken before {@link #appendLock}. Frames therefore reach the socket in
 * the order their ids were given, and no appender ever waits on a socket write unless the buffer
 * is full.
 */
final class FrameWriter {
  /** A blocked write is timed per chunk, like a socket write timeout, not per frame. */
  private static final int WRITE_CHUNK = 64 * 1024;

  private final SocketChannel channel;
  private final long timeoutNanos;
  private final Consumer<String> fail;
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ReentrantLock channelLock = new ReentrantLock();
  private final FrameIds ids = new FrameIds();
  private final Thread flusher;
  private ByteBuffer out;
  private ByteBuffer spare;
  private boolean flushQueued;
  private volatile boolean stopped;
  /** When the chunk being written started; 0 when no write is under way. */
  private volatile long writeSince;

  /**
   * @param channel the connection
   * @param bufSize bytes buffered before an appender must write them itself
   * @param timeoutNanos how long one write may stay blocked
   * @param threads where the flusher thread comes from
   * @param fail ends the connection with a reason (called when a write stalls or fails)
   */
  FrameWriter(SocketChannel channel, int bufSize, long timeoutNanos, ThreadFactory threads,
      Consumer<String> fail) {
    this.channel = channel;
    this.timeoutNanos = timeoutNanos;
    this.fail = fail;
    this.out = ByteBuffer.allocateDirect(bufSize).order(ByteOrder.LITTLE_ENDIAN);
    this.spare = ByteBuffer.allocateDirect(bufSize).order(ByteOrder.LITTLE_ENDIAN);
    this.flusher = threads.newThread(this::flushLoop);
    flusher.start();
  }

  /**
   * Appends one frame {@code id flags len parts-joined-by-00}.
   *
   * @param flags op code and QoS (spec §2.1)
   * @param parts the body's fields, written with a {@code 00} between each two
   * @param now write it before returning (ACK wanted or real-time), else leave it to the flusher
   * @param onId told the frame's id before the frame can reach the socket, e.g. to expect its ACK
   * @return the frame's id
   * @throws IOException if a write fails
   */
  int append(int flags, byte[][] parts, boolean now, IntConsumer onId) throws IOException {
    int body = Math.max(0, parts.length - 1);
    for (byte[] p : parts) {
      body += p.length;
    }
    int size = Ops.CLIENT_HEADER_SIZE + body;
    if (size > out.capacity()) {
      return appendLarge(flags, parts, body, onId);
    }
    boolean wake = false;
    int id;
    while (true) {
      appendLock.lock();
      try {
        if (out.remaining() >= size) {
          id = ids.next();
          if (onId != null) {
            onId.accept(id);
          }
          out.putInt(id).put((byte) flags).putInt(body);
          for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
              out.put((byte) 0);
            }
            out.put(parts[i]);
          }
          if (!now && !flushQueued) {
            flushQueued = true;
            wake = true;
          }
          break;
        }
      } finally {
        appendLock.unlock();
      }
      flush(); // full: make room, keeping the order
    }
    if (now) {
      flush();
    } else if (wake) {
      LockSupport.unpark(flusher);
    }
    return id;
  }

  /** A frame larger than the buffer: written straight after what is buffered. */
  private int appendLarge(int flags, byte[][] parts, int body, IntConsumer onId)
      throws IOException {
    lockChannel();
    try {
      int id;
      ByteBuffer buffered = takeBuffered();
      appendLock.lock();
      try {
        id = ids.next();
        if (onId != null) {
          onId.accept(id);
        }
      } finally {
        appendLock.unlock();
      }
      writeAll(buffered);
      ByteBuffer frame = ByteBuffer.allocate(Ops.CLIENT_HEADER_SIZE + body)
          .order(ByteOrder.LITTLE_ENDIAN);
      frame.putInt(id).put((byte) flags).putInt(body);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          frame.put((byte) 0);
        }
        frame.put(parts[i]);
      }
      writeAll(frame.flip());
      return id;
    } finally {
      channelLock.unlock();
    }
  }

  /**
   * Writes everything appended so far.
   *
   * @throws IOException if the write fails
   */
  void flush() throws IOException {
    lockChannel();
    try {
      writeAll(takeBuffered());
    } finally {
      channelLock.unlock();
    }
  }

  /**
   * Writes the 9-byte ping (spec §1.7) unless a write is under way, which shows the connection
   * alive anyway; a write under way for longer than the timeout ends the connection instead.
   *
   * @throws IOException if the write fails
   */
  void ping() throws IOException {
    if (!channelLock.tryLock()) {
      checkStalled();
      return;
    }
    try {
      appendLock.lock();
      try {
        if (out.remaining() < Ops.CLIENT_HEADER_SIZE) {
          return; // a full buffer is about to be written: that keeps the connection alive
        }
        out.put(new byte[Ops.CLIENT_HEADER_SIZE]);
      } finally {
        appendLock.unlock();
      }
      writeAll(takeBuffered());
    } finally {
      channelLock.unlock();
    }
  }

  /**
   * Writes what is buffered and ends the output, so the broker sees the end at a frame boundary.
   *
   * @throws IOException if the write fails
   */
  void finish() throws IOException {
    lockChannel();
    try {
      writeAll(takeBuffered());
      channel.shutdownOutput();
    } finally {
      channelLock.unlock();
    }
  }

  /** Stops the flusher; the connection is closing. */
  void stop() {
    stopped = true;
    LockSupport.unpark(flusher);
  }

  /** Called under {@link #channelLock}: swaps the buffers, returning the one to write. */
  private ByteBuffer takeBuffered() {
    appendLock.lock();
    try {
      ByteBuffer full = out;
      out = spare;
      spare = full;
      flushQueued = false;
      return full.flip();
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Writes {@code b} whole and clears it. A socket channel is an interruptible channel: an
   * interrupt pending on the caller would close it, ending the connection for every user of the
   * client, so a pending interrupt is set aside during the write and restored afterwards.
   */
  private void writeAll(ByteBuffer b) throws IOException {
    boolean interrupted = Thread.interrupted();
    int end = b.limit();
    try {
      while (b.position() < end) {
        b.limit(Math.min(end, b.position() + WRITE_CHUNK));
        writeSince = System.nanoTime();
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } finally {
      writeSince = 0;
      b.clear();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits for the channel; while waiting, checks every timeout whether the holder's write is
   * stuck (a broker that stopped reading), which would otherwise block every sender forever.
   */
  private void lockChannel() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (channelLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true; // operations do not throw InterruptedException; keep the flag
          continue;
        }
        checkStalled();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void checkStalled() {
    long since = writeSince;
    if (since != 0 && System.nanoTime() - since > timeoutNanos) {
      fail.accept("a write blocked for more than " + timeoutNanos / 1_000_000 + " ms");
    }
  }

  private void flushLoop() {
    while (!stopped) {
      LockSupport.park(this);
      try {
        if (!stopped) {
          flush();
        }
      } catch (IOException e) {
        fail.accept("write failed: " + e.getMessage());
        return;
      }
    }
  }
}

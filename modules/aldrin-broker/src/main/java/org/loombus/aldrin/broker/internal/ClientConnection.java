package org.loombus.aldrin.broker.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loombus.aldrin.protocol.ProtocolVersion;

/**
 * One client's transport side: its channel, its outbox and the writer thread draining it, and the
 * deadlines the watchdog enforces. The routing state of the client is its {@link ClientState}.
 * Whoever drops the connection first logs the one line that says why.
 */
public final class ClientConnection {
  static final System.Logger LOG = System.getLogger("org.loombus.aldrin.broker");

  private final long id;
  private final String peer;
  private final ByteChannel channel;
  private final Outbox outbox;
  private final Tally tally;
  private final AtomicBoolean dropped = new AtomicBoolean();
  private volatile ProtocolVersion version;
  // System.nanoTime() by which the client must have done its part (handshake, or answering the
  // broker's Shutdown); 0 when nothing is awaited.
  private volatile long deadline;
  // When the write under way began; 0 while the writer waits for frames.
  private volatile long writeStarted;
  private Thread writer;

  /**
   * @param id a number for logs
   * @param peer who the client is, for logs
   * @param channel its blocking channel
   * @param maxFrames outbox limit in frames
   * @param maxBytes outbox limit in bytes
   * @param tally where its disconnect is counted
   */
  public ClientConnection(long id, String peer, ByteChannel channel, int maxFrames,
      long maxBytes, Tally tally) {
    this.id = id;
    this.peer = peer;
    this.channel = channel;
    this.outbox = new Outbox(maxFrames, maxBytes);
    this.tally = tally;
  }

  /** @return the client's number */
  public long id() {
    return id;
  }

  /** @return the negotiated version, or null before the handshake */
  public ProtocolVersion version() {
    return version;
  }

  void version(ProtocolVersion v) {
    version = v;
  }

  /** @return the channel the client is read from */
  public ByteChannel channel() {
    return channel;
  }

  /**
   * @param nanos System.nanoTime() by which the client must act, or 0 for no deadline
   */
  public void deadline(long nanos) {
    deadline = nanos;
  }

  /**
   * Starts the writer thread.
   *
   * @param threads where it comes from
   */
  public void startWriter(ThreadFactory threads) {
    writer = threads.newThread(this::writeLoop);
    writer.start();
  }

  /** @return false if the frame does not fit into the outbox */
  boolean offer(byte[] frame) {
    return outbox.offer(frame);
  }

  /** Queues a last frame and lets the writer end after it. */
  void finishWith(byte[] last) {
    outbox.finishWith(last);
  }

  /** @return the outbox limits, for the disconnect reason */
  String queueLimits() {
    return outbox.limits();
  }

  /**
   * Writes one frame at once, before any writer exists (the handshake answer).
   *
   * @throws IOException if the client is gone
   */
  public void writeNow(byte[] frame) throws IOException {
    writeStarted = System.nanoTime();
    try {
      writeFully(ByteBuffer.wrap(frame));
    } finally {
      writeStarted = 0;
    }
  }

  /**
   * Waits until the writer has written everything queued before {@link #finishWith}.
   *
   * @param millis how long at most
   */
  public void awaitWriter(long millis) {
    if (writer == null) {
      return;
    }
    try {
      writer.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Drops the connection: nothing more is written, the channel closes, and one line is logged.
   *
   * @param cause what it counts as, or null for a drop no counter covers (the client left, or
   *     the broker is shutting down)
   * @param reason why, or null to drop quietly (the client left)
   * @return whether this call dropped it (false if it was dropped already)
   */
  public boolean drop(DropCause cause, String reason) {
    if (!dropped.compareAndSet(false, true)) {
      return false;
    }
    // Counted with the log line, so that the counters and the log tell the same story.
    if (cause != null) {
      tally.dropped(cause);
    }
    if (reason != null) {
      LOG.log(Level.WARNING, "aldrin client {0} ({1}) disconnected: {2}", id, peer, reason);
    }
    outbox.abort();
    closeChannel();
    return true;
  }

  /** @return whether the connection was dropped */
  public boolean isDropped() {
    return dropped.get();
  }

  /** Closes the channel; the writer, if any, ends. */
  public void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a broken channel
    }
  }

  /** Counts a handshake that was refused; the caller closes the channel. */
  void refused() {
    tally.dropped(DropCause.REFUSED);
  }

  /**
   * Drops the client if it missed a deadline.
   *
   * @param now System.nanoTime()
   * @param writeDeadlineNanos how long one write may block
   */
  public void dropIfOverdue(long now, long writeDeadlineNanos) {
    long d = deadline;
    if (d != 0 && now - d > 0) {
      if (version == null) {
        drop(DropCause.HANDSHAKE_TIMEOUT, "no handshake in time");
      } else {
        drop(DropCause.SHUTDOWN_UNANSWERED, "no Shutdown answer in time");
      }
      return;
    }
    long w = writeStarted;
    if (w != 0 && now - w > writeDeadlineNanos) {
      drop(DropCause.WRITE_DEADLINE,
          "took no bytes for " + writeDeadlineNanos / 1_000_000 + " ms (write deadline)");
    }
  }

  private void writeLoop() {
    try {
      while (true) {
        List<byte[]> batch = outbox.takeBatch();
        if (batch.isEmpty()) {
          return;
        }
        int total = 0;
        for (byte[] f : batch) {
          total += f.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (byte[] f : batch) {
          buf.put(f);
        }
        buf.flip();
        writeStarted = System.nanoTime();
        writeFully(buf);
        writeStarted = 0;
      }
    } catch (IOException e) {
      // the reader notices the broken channel and removes the client
      closeChannel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      writeStarted = 0;
    }
  }

  private void writeFully(ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
  }

  @Override
  public String toString() {
    return id + " (" + peer + ")";
  }
}

package org.loombus.broker.internal.accept;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.BrokerCore;
import org.loombus.broker.internal.read.FrameSource;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.write.Outbox;
import org.loombus.broker.internal.write.StreamOutbox;
import org.loombus.protocol.wire.Frames;

/**
 * One transport client from accept to close: its deadlines, and the watchdog that enforces every
 * time limit of docs/protocol.md §1.8 and sends keep-alives (§1.7). Blocking channel reads and
 * writes cannot time out by themselves, so reads and writes publish their deadlines here and the
 * broker's ticker closes the transport when one passes, which fails the blocked call. A write
 * has no deadline of T but the stall time: a client that reads, however slowly, takes bytes of
 * every write (writes are at most 64 KiB), and only one that takes none for the stall time is
 * ended.
 */
final class TransportSession implements ClientEntry.Endpoint, StreamOutbox.Sink, FrameSource {
  final BrokerCore core;
  final Transport transport;
  final String peer;
  final long timeoutNanos;
  private final long stallNanos;
  /** When a blocked read must have returned; 0 when not reading. */
  private volatile long readDeadline;
  /** When the current write started or last got bytes taken; 0 when not writing. */
  private volatile long writeSince;
  private volatile String detachReason;
  private volatile ClientEntry entry;
  private volatile StreamOutbox outbox;
  private volatile TransportConnection connection;
  private ScheduledFuture<?> watchdog;
  private long nextNop;

  TransportSession(BrokerCore core, Transport transport) {
    this.core = core;
    this.transport = transport;
    this.peer = transport.describePeer();
    this.timeoutNanos = core.config().timeout().toNanos();
    this.stallNanos = core.config().stallTimeout().toNanos();
  }

  /** Starts the watchdog; from now on the handshake's steps are under their deadlines. */
  void startWatchdog() {
    watchdog = core.every(Duration.ofNanos(timeoutNanos / 4), this::tick);
  }

  /**
   * @return the outbox of this client once accepted: bounded in frames and bytes, drawing on the
   *     broker's memory budget; a held-back sender looks every T/16 whether the client stalled
   */
  StreamOutbox newOutbox() {
    BrokerConfig c = core.config();
    return new StreamOutbox(c.queueSize(), c.queueBytes(), core.memory(), this,
        core.writeBuffers(), stallNanos, Math.max(1_000_000, timeoutNanos / 16));
  }

  /** The client is registered: from now on the watchdog keeps it alive and watches its queue. */
  void registered(ClientEntry e, StreamOutbox o, TransportConnection c) {
    nextNop = System.nanoTime() + timeoutNanos / 2;
    outbox = o;
    connection = c;
    entry = e;
  }

  @Override
  public int read(ByteBuffer into, long deadline) throws IOException {
    readDeadline = deadline;
    try {
      return transport.read(into);
    } finally {
      readDeadline = 0;
    }
  }

  /** Each write call that gets bytes taken (a part, once the socket is full) is progress. */
  @Override
  public void write(ByteBuffer b) throws IOException {
    writeSince = System.nanoTime();
    try {
      while (b.hasRemaining()) {
        if (transport.write(b) > 0 && b.hasRemaining()) {
          writeSince = System.nanoTime();
        }
      }
    } finally {
      writeSince = 0;
    }
  }

  @Override
  public long writingSince() {
    return writeSince;
  }

  /** Runs every T/4 on the broker's ticker: deadlines, then a keep-alive every T/2. */
  private void tick() {
    long now = System.nanoTime();
    long rd = readDeadline;
    if (rd != 0 && now - rd > 0) {
      expire(entry == null ? "handshake timed out" : "no frame from the client in time");
      return;
    }
    long ws = writeSince;
    if (ws != 0 && now - ws > stallNanos) {
      expire("it took no bytes for " + stallNanos / 1_000_000 + " ms: not reading");
      return;
    }
    ClientEntry e = entry;
    // Ticks come every T/4 but each runs a little late; a NOP due within half a tick goes now,
    // else that lateness would push every other NOP a whole tick late (3T/4 instead of T/2).
    // A full queue drops the client only once it has stopped reading (C74 for such a client);
    // one that reads, however slowly, gets its NOP beyond the bound like an ACK.
    if (e != null && now - nextNop >= -timeoutNanos / 8) {
      nextNop = now + timeoutNanos / 2;
      StreamOutbox o = outbox;
      if (o.offer(Frames.nop(), false) == Outbox.FULL
          && (o.stalled(now) || o.offerControl(Frames.nop(), false) == Outbox.FULL)) {
        core.overflow(e);
      }
    }
  }

  private void expire(String reason) {
    ClientEntry e = entry;
    if (e != null) {
      core.disconnect(e, reason, true, Transport.Ending.POLICY);
    } else {
      detach(reason, Transport.Ending.POLICY);
    }
  }

  @Override
  public void detach(String reason, Transport.Ending why) {
    if (detachReason == null) {
      detachReason = reason;
    }
    watchdog.cancel(false);
    BrokerCore.closeQuietly(transport, why);
  }

  @Override
  public String detachReason() {
    return detachReason;
  }

  @Override
  public ConnectionHandle handle() {
    return connection;
  }

  /** Writes what the outbox holds until it closes; a failed write unregisters the client. */
  void writeLoop(ClientEntry e, StreamOutbox o) {
    try {
      o.writeLoop();
      // Drained at shutdown, the client is told at once; an outbox closed otherwise is followed
      // by its closer's detach, whose reason must not lose a race against this one.
      if (core.isShutdown()) {
        BrokerCore.closeQuietly(transport, Transport.Ending.SHUTDOWN);
      }
    } catch (IOException ex) {
      // Whoever detached the session has counted and logged it; a write that fails by itself
      // means the peer has gone, which the broker did not cause.
      String reason = detachReason;
      core.disconnect(e, reason != null ? reason : "connection lost while writing: "
          + ex.getMessage(), false, Transport.Ending.NORMAL);
    } catch (InterruptedException ex) {
      core.disconnect(e, "writer interrupted", true, Transport.Ending.INTERNAL);
    }
  }
}

package org.loombus.broker.internal;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.Connection;
import org.loombus.broker.HandshakeException;
import org.loombus.broker.PendingConnection;
import org.loombus.broker.Transport;
import org.loombus.protocol.Frames;
import org.loombus.protocol.Handshake;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.Utf8;

/**
 * One socket client from accept to close: the handshake (spec §1.2), the watchdog that enforces
 * every time limit of §1.8 and sends keep-alives (§1.7), and the writer thread. Blocking channel
 * reads and writes cannot time out by themselves, so the reader and writer publish deadlines
 * and the broker's ticker closes the transport when one passes, which fails the blocked call.
 */
final class SocketSession implements ClientEntry.Endpoint, SocketOutbox.Sink {
  final BrokerCore core;
  final Transport transport;
  final String peer;
  final long timeoutNanos;
  /** When a blocked read must have returned; 0 when not reading. */
  private volatile long readDeadline;
  /** When the current write started; 0 when not writing. */
  private volatile long writeSince;
  private volatile String detachReason;
  private volatile ClientEntry entry;
  private volatile SocketConnection connection;
  private ScheduledFuture<?> watchdog;
  private long nextNop;

  SocketSession(BrokerCore core, Transport transport) {
    this.core = core;
    this.transport = transport;
    this.peer = transport.describePeer();
    this.timeoutNanos = core.config.timeout().toNanos();
  }

  PendingConnection handshake() throws HandshakeException {
    watchdog = core.every(Duration.ofNanos(timeoutNanos / 4), this::tick);
    try {
      write(ByteBuffer.wrap(Handshake.greeting()));
      byte[] greeting = readExactly(3);
      if (!Handshake.isValidGreeting(greeting)) {
        status(ResultCode.NOT_SUPPORTED);
        throw fail(ResultCode.NOT_SUPPORTED, "unsupported greeting or protocol version");
      }
      status(ResultCode.OK);
      byte[] len = readExactly(2);
      int n = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
      if (n == 0) {
        status(ResultCode.DATA);
        throw fail(ResultCode.DATA, "empty client name");
      }
      byte[] nameBytes = readExactly(n);
      String name = Utf8.decode(nameBytes, 0, n);
      if (name == null) {
        throw fail(0, "client name is not valid UTF-8");
      }
      // A NUL inside a name would break every receiver's parser of the sender field.
      if (name.startsWith(".") || name.indexOf('\0') >= 0) {
        status(ResultCode.DATA);
        throw fail(ResultCode.DATA, "invalid client name '" + name + "'");
      }
      return new Pending(name);
    } catch (HandshakeException e) {
      throw e;
    } catch (IOException e) {
      String reason = detachReason;
      throw fail(0, reason != null ? reason : "handshake I/O error: " + e.getMessage());
    }
  }

  private HandshakeException fail(int code, String reason) {
    watchdog.cancel(false);
    BrokerCore.closeQuietly(transport);
    core.stats.rejectedHandshakes.increment();
    BrokerCore.LOG.log(Level.INFO, "handshake with {0} failed: {1}", peer, reason);
    return new HandshakeException(code, reason, null);
  }

  private void status(int code) throws IOException {
    write(ByteBuffer.wrap(new byte[] {(byte) code}));
  }

  /** Reads one handshake step, which must be complete within T however the bytes trickle in. */
  private byte[] readExactly(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    long deadline = System.nanoTime() + timeoutNanos;
    while (b.hasRemaining()) {
      if (read(b, deadline) < 0) {
        throw new EOFException("connection closed during the handshake");
      }
    }
    return b.array();
  }

  /**
   * One blocking read under a deadline. The deadline belongs to the caller's whole unit (a
   * handshake step, a frame header, a frame body), not to this call, so a peer sending one byte
   * at a time cannot stretch the limit.
   *
   * @param into where the bytes go
   * @param deadline {@link System#nanoTime()} after which the watchdog closes the transport
   * @return bytes read, -1 at end of stream
   */
  int read(ByteBuffer into, long deadline) throws IOException {
    readDeadline = deadline;
    try {
      return transport.read(into);
    } finally {
      readDeadline = 0;
    }
  }

  @Override
  public void write(ByteBuffer b) throws IOException {
    writeSince = System.nanoTime();
    try {
      while (b.hasRemaining()) {
        transport.write(b);
      }
    } finally {
      writeSince = 0;
    }
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
    if (ws != 0 && now - ws > timeoutNanos) {
      expire("a write blocked for more than " + timeoutNanos / 1_000_000 + " ms");
      return;
    }
    ClientEntry e = entry;
    // Ticks come every T/4 but each runs a little late; a NOP due within half a tick goes now,
    // else that lateness would push every other NOP a whole tick late (3T/4 instead of T/2).
    // A full queue drops the client only once it has stopped reading (spec C74 for such a
    // client); one that reads, however slowly, gets its NOP beyond the bound like an ACK.
    if (e != null && now - nextNop >= -timeoutNanos / 8) {
      nextNop = now + timeoutNanos / 2;
      if (e.outbox.offer(Frames.nop(), false) == Outbox.FULL
          && (stalled(now) || e.outbox.offerControl(Frames.nop(), false) == Outbox.FULL)) {
        core.overflow(e);
      }
    }
  }

  private void expire(String reason) {
    ClientEntry e = entry;
    if (e != null) {
      core.disconnect(e, reason, true);
    } else {
      detach(reason);
    }
  }

  @Override
  public void detach(String reason) {
    if (detachReason == null) {
      detachReason = reason;
    }
    watchdog.cancel(false);
    BrokerCore.closeQuietly(transport);
  }

  String detachReason() {
    return detachReason;
  }

  /**
   * @param now {@link System#nanoTime()}
   * @return whether the client has stopped reading: a write to it has been blocked for T/4
   *     (a quarter, so this is told well before the write deadline of T ends the connection)
   */
  boolean stalled(long now) {
    long since = writeSince;
    return since != 0 && now - since >= timeoutNanos / 4;
  }

  SocketConnection connection() {
    return connection;
  }

  private void writeLoop(ClientEntry e, SocketOutbox outbox) {
    try {
      outbox.writeLoop(this, core.writeBuffers);
      BrokerCore.closeQuietly(transport); // closed or drained at shutdown: the client sees EOF
    } catch (IOException ex) {
      // Whoever detached the session has counted and logged it; a write that fails by itself
      // means the peer has gone, which the broker did not cause.
      String reason = detachReason;
      core.disconnect(e, reason != null ? reason : "connection lost while writing: "
          + ex.getMessage(), false);
    } catch (InterruptedException ex) {
      core.disconnect(e, "writer interrupted", true);
    }
  }

  /** The client after its handshake, waiting for the embedder's decision. */
  private final class Pending implements PendingConnection {
    private final String name;
    private boolean decided;

    Pending(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Transport transport() {
      return transport;
    }

    @Override
    public Connection accept(ClientAaa rules) throws HandshakeException {
      decide();
      SocketOutbox outbox = new SocketOutbox(core.config.queueSize());
      // The 01 goes first through the outbox, so no delivery queued the moment the client is
      // registered can overtake it, and a writer exists as soon as anyone can see the client.
      outbox.offerControl(new byte[] {ResultCode.OK}, true);
      ClientEntry e = new ClientEntry(name, transport.kind(), transport.source(),
          transport.listener(), peer, outbox, SocketSession.this, rules);
      int code = core.register(e);
      if (code != ResultCode.OK) {
        boolean full = code == Registry.LIMIT_REACHED;
        int status = full ? ResultCode.BUSY : code;
        try {
          status(status);
        } catch (IOException ignored) {
          // the refusal is logged below either way
        }
        throw fail(status, "registration of '" + name + "' refused: " + (full
            ? "the limit of " + core.config.maxClients() + " clients is reached"
            : ResultCode.describe(code)));
      }
      nextNop = System.nanoTime() + timeoutNanos / 2;
      connection = new SocketConnection(SocketSession.this, e);
      entry = e;
      // If the 01 cannot be written, the writer unregisters the client again (no stale entry).
      core.config.threadFactory().newThread(() -> writeLoop(e, outbox)).start();
      return connection;
    }

    @Override
    public void reject(int resultCode, String reason) {
      decide();
      try {
        status(resultCode);
      } catch (IOException ignored) {
        // the refusal is logged below either way
      }
      fail(resultCode, "'" + name + "' refused (" + ResultCode.describe(resultCode) + "): " + reason);
    }

    private void decide() {
      if (decided) {
        throw new IllegalStateException("the connection was already accepted or rejected");
      }
      decided = true;
    }
  }
}

package org.loombus.client.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.FrameQueue;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Handshake;
import org.loombus.protocol.wire.Ops;

/**
 * A {@link BusClient} over one Unix or TCP connection (docs/protocol.md §8.1). Frames go out
 * through an {@link Outbound} buffer (acknowledged and real-time frames at once, fire-and-forget
 * ones batched); the process's {@link ClientReactor} reads the connection, completes confirmations,
 * queues delivered {@link Frame}s, pings an idle connection every timeout/2 and ends one whose
 * writes stay blocked longer than the timeout. A full incoming queue stops reading (the broker sees
 * back-pressure) until {@code receive} makes room, or ends the connection after the timeout.
 *
 * <p>A pending confirmation is registered before its frame can be written, and checked against
 * {@link #closedReason} afterwards, while {@link #disconnect} sets the reason before draining
 * {@link #pending}: one of the two always sees the other, so no confirmation is left waiting.
 */
public final class SocketClient implements BusClient {
  private static final System.Logger LOG = System.getLogger("org.loombus.client");
  private static final String CLOSED_BY_APPLICATION = "closed by the application";

  private final ClientConfig config;
  private final String name;
  private final SocketChannel channel;
  private final long timeoutNanos;
  private final FrameQueue incoming;
  private final Map<Integer, Confirmation> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextSecondary = new AtomicInteger();
  private final AtomicReference<String> closedReason = new AtomicReference<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final ClientReactor reactor = ClientReactor.shared();
  private final Outbound outbound;
  private final Inbound inbound;
  private final Inbound.Sink sink = new Inbound.Sink() {
    @Override
    public void ack(int id, int code) {
      Confirmation c = pending.remove(id);
      if (c != null) {
        c.complete(code);
      } else {
        // e.g. the extra ACKs of a SUBSCRIBE partly denied by access control (docs/protocol.md
        // §2.6)
        LOG.log(Level.DEBUG, "client {0}: orphaned ACK for frame {1}", name,
            Integer.toUnsignedString(id));
      }
    }

    @Override
    public boolean frame(Frame frame) {
      try {
        return closing || incoming.put(frame, 0);
      } catch (InterruptedException e) {
        throw new AssertionError("put without waiting was interrupted", e);
      }
    }
  };
  private volatile Encoded lastAddress = new Encoded("", new byte[0]);
  /** Set by {@link #close}: the end of the connection is the application's doing. */
  private volatile boolean closing;
  private final ClientReactor.Handler handler = new ClientReactor.Handler() {
    @Override
    public void ready(SelectionKey k) {
      onReady(k);
    }

    @Override
    public void tick(long now) {
      onTick(now);
    }

    @Override
    public long tickNanos() {
      return Math.max(1_000_000, timeoutNanos / 8);
    }
  };
  private final SelectionKey key;
  /** Reactor only: since when a frame has waited for room in {@link #incoming}; 0 if none. */
  private long heldSince;

  private SocketClient(ClientConfig config, SocketChannel channel) throws IOException {
    this.config = config;
    this.name = config.name();
    this.channel = channel;
    this.timeoutNanos = config.timeout().toNanos();
    this.incoming = new FrameQueue(config.queueSize());
    this.inbound = new Inbound(config.bufSize());
    channel.configureBlocking(false);
    this.outbound = new Outbound(channel, config.bufSize(), reactor,
        e -> disconnect("write failed: " + e.getMessage()));
    this.key = reactor.register(channel, handler);
    outbound.attach(key);
  }

  /**
   * Connects and registers.
   *
   * @param config where and as whom
   * @return the registered client
   * @throws BusException with the broker's status byte if registration is refused
   * @throws java.io.UncheckedIOException if the connection fails or times out
   */
  public static SocketClient connect(ClientConfig config) {
    SocketChannel channel = Connector.connect(config);
    try {
      return new SocketClient(config, channel);
    } catch (IOException e) {
      Connector.closeQuietly(channel);
      throw new java.io.UncheckedIOException("cannot connect to " + config.address() + " as "
          + config.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Confirmation send(String target, byte[] payload, Qos qos) {
    return submit(Ops.MESSAGE, qos, address(target), payload);
  }

  @Override
  public Confirmation broadcast(String mask, byte[] payload, Qos qos) {
    return submit(Ops.BROADCAST, qos, address(mask), payload);
  }

  @Override
  public Confirmation publish(String topic, byte[] payload, Qos qos) {
    return submit(Ops.PUBLISH, qos, address(topic), payload);
  }

  @Override
  public Confirmation publishFor(String topic, String receiver, byte[] payload, Qos qos) {
    return submit(Ops.PUBLISH_FOR, qos, utf8(topic), utf8(receiver), payload);
  }

  @Override
  public Confirmation subscribe(Collection<String> masks, Qos qos) {
    return maskList(Ops.SUBSCRIBE, masks, qos);
  }

  @Override
  public Confirmation unsubscribe(Collection<String> masks, Qos qos) {
    return maskList(Ops.UNSUBSCRIBE, masks, qos);
  }

  @Override
  public Confirmation exclude(Collection<String> masks, Qos qos) {
    return maskList(Ops.EXCLUDE, masks, qos);
  }

  @Override
  public Confirmation unexclude(Collection<String> masks, Qos qos) {
    return maskList(Ops.UNEXCLUDE, masks, qos);
  }

  /**
   * An empty collection sends nothing: on the wire an empty list would be one empty mask
   * (docs/protocol.md §2.3), which is not what an empty collection means (nor what in-process
   * clients do).
   */
  private Confirmation maskList(int op, Collection<String> masks, Qos qos) {
    ensureOpen();
    if (masks.isEmpty()) {
      return Confirmation.completed(ResultCode.OK);
    }
    byte[][] parts = new byte[masks.size()][];
    int i = 0;
    for (String m : masks) {
      parts[i++] = utf8(m);
    }
    return submit(op, qos, parts);
  }

  /**
   * Appends the frame; a confirmation is registered under its id before the frame can be written.
   */
  private Confirmation submit(int op, Qos qos, byte[]... parts) {
    ensureOpen();
    Confirmation confirmation = qos.needsAck() ? Confirmation.pending() : null;
    int id;
    try {
      id = outbound.append(Frames.flags(op, qos), parts, qos.needsAck() || qos.isRealtime(),
          confirmation == null ? null : i -> pending.put(i, confirmation));
    } catch (IOException e) {
      disconnect("write failed: " + e.getMessage());
      throw closedException(e);
    } catch (ClientClosedException e) {
      throw closedException(e); // the outbound closed under the sender, after the reason was set
    }
    if (confirmation == null) {
      return Confirmation.completed(ResultCode.OK);
    }
    if (closedReason.get() != null && pending.remove(id) != null) {
      confirmation.close(); // disconnected meanwhile, and its drain did not see this one
    }
    return confirmation;
  }

  /** Reactor: the connection is readable or writable. */
  private void onReady(SelectionKey k) {
    try {
      if (k.isWritable()) {
        outbound.drain();
      }
      if (k.isReadable()) {
        if (inbound.read(channel) < 0) {
          disconnect(closing ? CLOSED_BY_APPLICATION : "the broker closed the connection");
          return;
        }
        pump();
      }
    } catch (Inbound.ProtocolException e) {
      disconnect("protocol error: " + e.getMessage());
    } catch (IOException e) {
      disconnect((k.isValid() && k.isReadable() ? "read" : "write") + " failed: " + e.getMessage());
    } catch (java.nio.channels.CancelledKeyException e) {
      // closed meanwhile by another thread; disconnect() has run or is running
    }
  }

  /**
   * Reactor: hands on what was read. A frame with no room in the incoming queue is held and the
   * socket is not read meanwhile; the first {@code receive} that makes room resumes it.
   */
  private void pump() throws Inbound.ProtocolException {
    if (inbound.deliver(sink)) {
      if (heldSince != 0) {
        heldSince = 0;
        key.interestOpsOr(SelectionKey.OP_READ);
      }
      return;
    }
    if (heldSince == 0) {
      heldSince = System.nanoTime();
      key.interestOpsAnd(~SelectionKey.OP_READ);
    }
    incoming.whenRoom(() -> reactor.execute(this::resume));
  }

  private void resume() {
    if (closedReason.get() != null) {
      return;
    }
    try {
      pump();
    } catch (Inbound.ProtocolException e) {
      disconnect("protocol error: " + e.getMessage());
    }
  }

  /** Reactor, every timeout/8: the time limits of a stalled peer or application, and pings. */
  private void onTick(long now) {
    long blocked = outbound.blockedSince();
    if (blocked != 0 && now - blocked > timeoutNanos) {
      disconnect("a write blocked for more than " + config.timeout().toMillis() + " ms");
    } else if (heldSince != 0 && now - heldSince > timeoutNanos) {
      disconnect("incoming queue full (" + config.queueSize() + " frames) for "
          + config.timeout().toMillis() + " ms: the application does not receive");
    } else if (!closing) {
      try {
        outbound.pingIfIdle(now, timeoutNanos / 2);
      } catch (IOException e) {
        disconnect("ping failed: " + e.getMessage());
      }
    }
  }

  /**
   * Ends the connection once: closes the channel (which frees a blocked reader or writer), lets
   * {@code receive} drain what is queued, and fails every pending confirmation.
   */
  private void disconnect(String reason) {
    if (!closedReason.compareAndSet(null, reason)) {
      return;
    }
    Connector.closeQuietly(channel);
    outbound.close();
    reactor.remove(handler);
    incoming.close(describeClosed(reason));
    for (Integer id : pending.keySet()) {
      Confirmation c = pending.remove(id);
      if (c != null) {
        c.close();
      }
    }
    ended.countDown();
    LOG.log(reason.equals(CLOSED_BY_APPLICATION) ? Level.DEBUG : Level.INFO,
        "client {0} disconnected: {1}", name, reason);
  }

  @Override
  public BusClient registerSecondary() {
    if (Handshake.isSecondary(name)) {
      throw new BusException(ResultCode.NOT_SUPPORTED, name + " is not a primary client");
    }
    ensureOpen();
    String secondary = name + Handshake.SECONDARY_SEPARATOR + nextSecondary.getAndIncrement();
    return connect(config.toBuilder().name(secondary).build());
  }

  @Override
  public void intercept(Predicate<Frame> interceptor) {
    incoming.intercept(interceptor);
  }

  @Override
  public Frame receive() throws InterruptedException {
    return incoming.take(-1);
  }

  @Override
  public Frame receive(Duration timeout) throws InterruptedException {
    return incoming.take(Math.max(0, TimeUnit.NANOSECONDS.convert(timeout)));
  }

  @Override
  public boolean isConnected() {
    return closedReason.get() == null;
  }

  /**
   * Closes gracefully: ends the output at a frame boundary and waits (up to the timeout) until
   * the broker has processed everything sent, unregistered the client and closed its side. So
   * confirmations of frames already sent still complete, and a new client of the same name
   * connecting right after this returns is not refused as a duplicate.
   */
  @Override
  public void close() {
    if (closedReason.get() == null && !closing) {
      closing = true;
      long deadline = System.nanoTime() + timeoutNanos;
      try {
        if (outbound.finish(deadline) && !reactor.inReactor()) {
          ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      } catch (IOException e) {
        // the connection is broken already; disconnect below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    disconnect(CLOSED_BY_APPLICATION);
  }

  private void ensureOpen() {
    if (closedReason.get() != null || closing) {
      throw closedException();
    }
  }

  private ClientClosedException closedException() {
    String reason = closedReason.get();
    return new ClientClosedException(describeClosed(reason != null ? reason : CLOSED_BY_APPLICATION));
  }

  /** @param cause how the sender learnt of it */
  private ClientClosedException closedException(Exception cause) {
    ClientClosedException closed = closedException();
    closed.initCause(cause);
    return closed;
  }

  private String describeClosed(String reason) {
    return name + " is disconnected: " + reason;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A sender usually repeats its target or topic, so the last one is kept encoded. A race
   * between senders only costs an encoding; the array is never written to.
   */
  private byte[] address(String s) {
    Encoded last = lastAddress;
    if (last.text.equals(s)) {
      return last.bytes;
    }
    byte[] b = utf8(s);
    lastAddress = new Encoded(s, b);
    return b;
  }

  private record Encoded(String text, byte[] bytes) {}

  @Override
  public String toString() {
    return "SocketClient[" + name + " at " + config.address() + "]";
  }
}

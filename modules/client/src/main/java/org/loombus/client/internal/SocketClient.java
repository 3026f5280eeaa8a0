package org.loombus.client.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameQueue;
import org.loombus.protocol.Frames;
import org.loombus.protocol.Handshake;
import org.loombus.protocol.Ops;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/**
 * A {@link BusClient} over one Unix or TCP connection (spec §8.1). Callers write their frames
 * themselves, one at a time under {@link #writeLock}; a virtual reader thread turns the broker's
 * frames into completed confirmations and queued {@link Frame}s; a virtual pinger writes the
 * 9-byte ping every timeout/2 and notices writes that stay blocked longer than the timeout.
 * Frames are written straight to the socket, so every frame is flushed at once (real-time or not).
 *
 * <p>Lock discipline: {@link #writeLock} guards {@link #ids}, every write to {@link #channel},
 * and the check-then-register of a pending confirmation, so that {@link #disconnect} (which drains
 * {@link #pending} under the same lock after setting {@link #closedReason}) never misses one.
 * The reader never takes it.
 */
public final class SocketClient implements BusClient {
  private static final System.Logger LOG = System.getLogger("org.loombus.client");
  private static final byte[] PING = new byte[Ops.CLIENT_HEADER_SIZE];
  /** A blocked write is timed per chunk, like a socket write timeout, not per frame. */
  private static final int WRITE_CHUNK = 64 * 1024;
  private static final int READ_BUFFER = 8192;
  private static final String CLOSED_BY_APPLICATION = "closed by the application";

  private final ClientConfig config;
  private final String name;
  private final SocketChannel channel;
  private final long timeoutNanos;
  private final FrameQueue incoming;
  private final Map<Integer, Confirmation> pending = new ConcurrentHashMap<>();
  private final AtomicInteger nextSecondary = new AtomicInteger();
  private final AtomicReference<String> closedReason = new AtomicReference<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final FrameIds ids = new FrameIds();
  /** When the chunk being written started; 0 when no write is under way. */
  private volatile long writeSince;
  /** Set by {@link #close}: the end of the connection is the application's doing. */
  private volatile boolean closing;
  private final Thread pinger;
  private final Thread reader;

  private SocketClient(ClientConfig config, SocketChannel channel) {
    this.config = config;
    this.name = config.name();
    this.channel = channel;
    this.timeoutNanos = config.timeout().toNanos();
    this.incoming = new FrameQueue(config.queueSize());
    this.pinger = Thread.ofVirtual().name("loombus-client-pinger-" + name).unstarted(this::pingLoop);
    this.reader = Thread.ofVirtual().name("loombus-client-reader-" + name).start(this::readLoop);
    pinger.start();
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
    return new SocketClient(config, Connector.connect(config));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Confirmation send(String target, byte[] payload, Qos qos) {
    return submit(Ops.MESSAGE, qos, utf8(target), payload);
  }

  @Override
  public Confirmation broadcast(String mask, byte[] payload, Qos qos) {
    return submit(Ops.BROADCAST, qos, utf8(mask), payload);
  }

  @Override
  public Confirmation publish(String topic, byte[] payload, Qos qos) {
    return submit(Ops.PUBLISH, qos, utf8(topic), payload);
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
   * (spec §2.3), which is not what an empty collection means (nor what in-process clients do).
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
   * Builds the frame outside the lock, then under it takes the next id, registers the pending
   * confirmation (QoS 1 and 3 only) and writes.
   */
  private Confirmation submit(int op, Qos qos, byte[]... parts) {
    byte[] frame = Frames.clientFrame(0, op, qos, parts);
    Confirmation confirmation = qos.needsAck() ? Confirmation.pending() : null;
    lockForWrite();
    try {
      ensureOpen();
      int id = ids.next();
      Frames.putIntLE(frame, 0, id);
      if (confirmation != null) {
        pending.put(id, confirmation);
      }
      try {
        write(frame);
      } catch (IOException e) {
        disconnect("write failed: " + e.getMessage());
        ClientClosedException closed = closedException();
        closed.initCause(e);
        throw closed;
      }
    } finally {
      writeLock.unlock();
    }
    return confirmation != null ? confirmation : Confirmation.completed(ResultCode.OK);
  }

  /**
   * Waits for the write lock; while waiting, checks every timeout whether the holder's write is
   * stuck (a broker that stopped reading), which would otherwise block every sender forever.
   */
  private void lockForWrite() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (writeLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
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

  /**
   * Writes a whole frame. A socket channel is an interruptible channel: an interrupt pending on
   * the caller would close it, ending the connection for every user of the client, so a pending
   * interrupt is set aside during the write and restored afterwards.
   */
  private void write(byte[] frame) throws IOException {
    boolean interrupted = Thread.interrupted();
    ByteBuffer b = ByteBuffer.wrap(frame);
    try {
      while (b.position() < frame.length) {
        b.limit(Math.min(frame.length, b.position() + WRITE_CHUNK));
        writeSince = System.nanoTime();
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    } finally {
      writeSince = 0;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void checkStalled() {
    long since = writeSince;
    if (since != 0 && System.nanoTime() - since > timeoutNanos) {
      disconnect("a write blocked for more than " + config.timeout().toMillis() + " ms");
    }
  }

  /** Pings every timeout/2; a busy write lock means frames are flowing, so only a stall matters. */
  private void pingLoop() {
    Duration period = max(config.timeout().dividedBy(2), Duration.ofMillis(1));
    try {
      while (closedReason.get() == null) {
        Thread.sleep(period);
        if (!writeLock.tryLock()) {
          checkStalled();
          continue;
        }
        try {
          if (closedReason.get() == null && !closing) {
            write(PING);
          }
        } catch (IOException e) {
          disconnect("ping failed: " + e.getMessage());
        } finally {
          writeLock.unlock();
        }
      }
    } catch (InterruptedException e) {
      // disconnected
    }
  }

  private void readLoop() {
    String reason;
    try {
      new InboundReader(channel, READ_BUFFER).run(new InboundReader.Sink() {
        @Override
        public void ack(int id, int code) {
          Confirmation c = pending.remove(id);
          if (c != null) {
            c.complete(code);
          } else {
            // e.g. the extra ACKs of a SUBSCRIBE partly denied by access control (spec §2.6)
            LOG.log(Level.DEBUG, "client {0}: orphaned ACK for frame {1}", name,
                Integer.toUnsignedString(id));
          }
        }

        @Override
        public boolean frame(Frame frame) throws InterruptedException {
          if (closing || incoming.put(frame, timeoutNanos)) {
            return true;
          }
          disconnect("incoming queue full (" + config.queueSize() + " frames) for "
              + config.timeout().toMillis() + " ms: the application does not receive");
          return false;
        }
      });
      reason = closing ? CLOSED_BY_APPLICATION : "the broker closed the connection";
    } catch (InboundReader.ProtocolException e) {
      reason = "protocol error: " + e.getMessage();
    } catch (IOException e) {
      reason = "read failed: " + e.getMessage();
    } catch (InterruptedException e) {
      reason = "reader interrupted";
    }
    disconnect(reason);
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
    incoming.close(describeClosed(reason));
    pinger.interrupt();
    writeLock.lock();
    try {
      for (Integer id : pending.keySet()) {
        Confirmation c = pending.remove(id);
        if (c != null) {
          c.close();
        }
      }
    } finally {
      writeLock.unlock();
    }
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
      lockForWrite();
      try {
        if (closedReason.get() == null) {
          channel.shutdownOutput();
        }
      } catch (IOException e) {
        // the connection is broken already; disconnect below
      } finally {
        writeLock.unlock();
      }
      if (Thread.currentThread() != reader) {
        try {
          reader.join(config.timeout());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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

  private String describeClosed(String reason) {
    return name + " is disconnected: " + reason;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SocketClient[" + name + " at " + config.address() + "]";
  }
}

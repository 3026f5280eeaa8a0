package org.loombus.server.internal.ws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.Transport;
import org.loombus.server.BindAddress;

/**
 * Turns accepted TCP connections of one {@code ws://} or {@code wss://} listener into
 * {@link WebSocketTransport}s: the TLS handshake if any, then the HTTP upgrade, together within T
 * (as in the reference, docs/protocol.md §1.8), and at most the broker's pending-handshake limits
 * of them at once, in all and per IP address, since the broker counts a connection as pending only
 * from its BUS/RT handshake on.
 */
public final class WebSocketAcceptor implements AutoCloseable {
  /** Largest upgrade request head; afterwards the same buffer holds frame headers. */
  static final int HEAD_LIMIT = 8192;
  /**
   * Room in a message beyond one frame body at the payload limit: its BUS/RT header and smaller
   * frames a client's write buffer batched with it (the reference client's buffer is 8 KiB).
   */
  static final long MESSAGE_SLACK = 65536;
  /** The reference's message and frame limit when no payload limit is set: 2^32 - 1. */
  static final long UNLIMITED = 0xFFFF_FFFFL;
  private final BindAddress address;
  private final SSLContext tls;
  private final long timeoutNanos;
  private final long stallNanos;
  private final long messageLimit;
  private final int maxUpgrades;
  private final Semaphore upgrades;
  private final int maxPerPeer;
  /** Upgrades under way per peer address; an entry is removed when its count drops to zero. */
  private final ConcurrentHashMap<InetAddress, Integer> perPeer = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor deadlines;

  /**
   * @param address the listener's {@code ws://} or {@code wss://} address
   * @param tls the server certificate for {@code wss://}, else {@code null}
   * @param config the broker's T, stall time, payload size limit and pending-handshake limit
   * @param threads where the deadline timer's thread comes from
   */
  public WebSocketAcceptor(BindAddress address, SSLContext tls, BrokerConfig config,
      ThreadFactory threads) {
    this.address = address;
    this.tls = tls;
    this.timeoutNanos = config.timeout().toNanos();
    this.stallNanos = config.stallTimeout().toNanos();
    long limit = config.payloadSizeLimit();
    this.messageLimit = limit > 0 ? limit + MESSAGE_SLACK : UNLIMITED;
    this.maxUpgrades = config.maxPendingHandshakes();
    this.upgrades = new Semaphore(maxUpgrades);
    this.maxPerPeer = config.maxPendingPerPeer();
    this.deadlines = new ScheduledThreadPoolExecutor(1, threads);
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** @return the largest message a client may send, over all its frames */
  public long messageLimit() {
    return messageLimit;
  }

  /**
   * @param channel an accepted, blocking TCP channel
   * @return the upgraded connection
   * @throws IOException naming why the connection did not become a WebSocket; the caller closes
   */
  public Transport open(SocketChannel channel) throws IOException {
    InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
    if (!enter(peer)) {
      throw new UpgradeRejected("already " + maxPerPeer + " WebSocket upgrades under way from "
          + peer.getHostAddress() + " (the per-peer pending-handshake limit)");
    }
    try {
      if (!upgrades.tryAcquire()) {
        throw new UpgradeRejected("already " + maxUpgrades
            + " WebSocket upgrades under way (the pending-handshake limit)");
      }
      try {
        return upgrade(channel);
      } finally {
        upgrades.release();
      }
    } finally {
      leave(peer);
    }
  }

  /** Counts one more upgrade of {@code peer} unless it has its share; atomic in the map. */
  private boolean enter(InetAddress peer) {
    boolean[] admitted = new boolean[1];
    perPeer.compute(peer, (p, n) -> {
      int count = n == null ? 0 : n;
      admitted[0] = count < maxPerPeer;
      return admitted[0] ? count + 1 : n;
    });
    return admitted[0];
  }

  private void leave(InetAddress peer) {
    perPeer.computeIfPresent(peer, (p, n) -> n == 1 ? null : n - 1);
  }

  private Transport upgrade(SocketChannel channel) throws IOException {
    // The flag, not the future: a deadline that is running its close can still be cancelled.
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> deadline = deadlines.schedule(() -> {
      expired.set(true);
      close(channel);
    }, timeoutNanos, TimeUnit.NANOSECONDS);
    try {
      ByteStream stream = tls != null ? TlsStream.accept(channel, tls) : new PlainStream(channel);
      ByteBuffer rest = HttpUpgrade.accept(stream, address.resource(),
          ByteBuffer.allocate(HEAD_LIMIT));
      deadline.cancel(false);
      if (expired.get()) {
        throw timedOut();
      }
      return new WebSocketTransport(channel, stream, rest, messageLimit, address.text(),
          stallNanos);
    } catch (UpgradeRejected e) {
      throw e;
    } catch (IOException e) {
      deadline.cancel(false);
      throw expired.get() ? timedOut() : e;
    } finally {
      deadline.cancel(false);
    }
  }

  private UpgradeRejected timedOut() {
    return new UpgradeRejected((tls != null ? "TLS handshake and " : "") + "upgrade not complete"
        + " within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing to end a handshake that took too long
    }
  }

  /** Stops the deadline timer; connections still upgrading are closed by their listener. */
  @Override
  public void close() {
    deadlines.shutdownNow();
  }
}

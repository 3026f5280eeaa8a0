package org.loombus.aldrin.broker;

import java.nio.channels.ByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.loombus.aldrin.broker.internal.ClientConnection;
import org.loombus.aldrin.broker.internal.DropCause;
import org.loombus.aldrin.broker.internal.Router;
import org.loombus.aldrin.broker.internal.Session;
import org.loombus.aldrin.broker.internal.Tally;

/**
 * An Aldrin broker: clients of protocol 1.14 to 1.20 connect through any blocking byte channel
 * handed to {@link #serve} (or {@link #connect}), and see the semantics and message order of aldrin-broker 0.13
 * ({@code docs/aldrin.md}). Thread-safe; every client is served on its caller's thread plus one
 * writer thread from the configured factory.
 *
 * <p>Every per-client resource is bounded: frames longer than {@link
 * AldrinBrokerConfig#maxFrameLength()} and outgoing queues beyond their frame or byte limit
 * disconnect that client, as do a write blocked past the write deadline, bytes that do not decode
 * and protocol violations; each such disconnect logs one line naming the client and the reason,
 * and is counted by its kind in {@link #counters()}.
 */
public final class AldrinBroker implements AutoCloseable {
  private final AldrinBrokerConfig config;
  private final Tally tally = new Tally();
  private final Router router;
  private final Set<ClientConnection> live = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  // Guards closed and idle together with joining and leaving live, so that an idle shutdown
  // cannot miss the last client leaving nor let one in after it.
  private final Object entry = new Object();
  private volatile boolean closed;
  private boolean idle;

  private AldrinBroker(AldrinBrokerConfig config) {
    this.config = config;
    this.router = new Router(config.maxEntriesPerClient(), tally);
  }

  /**
   * Starts a broker, with its watchdog for deadlines.
   *
   * @param config limits, threads and the admission
   * @return the running broker
   */
  public static AldrinBroker start(AldrinBrokerConfig config) {
    AldrinBroker b = new AldrinBroker(config);
    config.threads().newThread(b::watch).start();
    return b;
  }

  /** @return the settings it runs with */
  public AldrinBrokerConfig config() {
    return config;
  }

  /**
   * Serves one client until it leaves or is dropped: {@link #connect}, then {@link
   * Connection#run} if it was accepted. Blocks; closes the channel before returning.
   *
   * @param channel a connected, blocking channel
   * @param peer who the client is, for the admission and logs
   */
  public void serve(ByteChannel channel, String peer) {
    connect(channel, peer).ifPresent(Connection::run);
  }

  /**
   * Does the handshake of a new client and asks the {@link Admission} once a version is agreed.
   * Blocks until then (at most the handshake timeout for the client's part).
   *
   * @param channel a connected, blocking channel
   * @param peer who the client is, for the admission and logs
   * @return the accepted client, already on the bus, to be served by {@link Connection#run};
   *     empty if it was refused, rejected or failed its handshake, or the broker has stopped
   *     (the channel is then closed)
   */
  public Optional<Connection> connect(ByteChannel channel, String peer) {
    ClientConnection c = new ClientConnection(ids.incrementAndGet(), peer, channel,
        config.queueFrames(), config.queueBytes(), tally);
    synchronized (entry) {
      if (closed) {
        c.closeChannel();
        return Optional.empty();
      }
      live.add(c);
    }
    Session session = new Session(router, config, c, peer);
    if (!session.open()) {
      leave(c);
      return Optional.empty();
    }
    return Optional.of(new Connection(this, c, session,
        new ConnectionHandle(c, router, config.handshakeTimeout().toNanos())));
  }

  /** A client's connection has ended; the last one ends an idle shutdown. */
  void leave(ClientConnection c) {
    boolean last;
    synchronized (entry) {
      live.remove(c);
      last = idle && !closed && live.isEmpty();
      if (last) {
        closed = true;
      }
    }
    if (last) {
      stop();
    }
  }

  /**
   * Takes the statistics of the interval since the last take (or the start) and starts the next
   * one: the message counters are reset, the gauges are not.
   *
   * @return the interval's statistics
   */
  public AldrinStatistics takeStatistics() {
    return router.takeStatistics();
  }

  /**
   * The figures for monitoring, which unlike {@link #takeStatistics()} reset nothing: what exists
   * now and what was counted since the start. Both can be used side by side.
   *
   * @return the gauges and the counters since the broker started
   */
  public AldrinCounters counters() {
    return router.counters();
  }

  /**
   * Shuts the broker down: no client is accepted any more, every client gets {@code Shutdown}, and
   * its objects, services and channels go with the events and answers aldrin-broker sends (calls
   * still pending are answered {@code InvalidService} or {@code Aborted}). Waits up to the
   * handshake timeout for the clients to answer, then drops the rest. Idempotent.
   */
  public void shutdown() {
    synchronized (entry) {
      closed = true;
    }
    List<ClientConnection> told = router.shutdown();
    long deadline = System.nanoTime() + config.handshakeTimeout().toNanos();
    for (ClientConnection c : told) {
      c.deadline(deadline);
    }
    while (!live.isEmpty() && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (ClientConnection c : live) {
      c.drop(DropCause.SHUTDOWN_UNANSWERED, "no Shutdown answer before the broker stopped");
    }
    stop();
  }

  /**
   * Stops the broker once no client is connected or in its handshake any more, at once if none
   * is. Until then it goes on as before: new clients are still accepted, and nobody is told
   * {@code Shutdown}. {@link #awaitStopped} tells when it has happened.
   */
  public void shutdownIdle() {
    boolean now;
    synchronized (entry) {
      idle = true;
      now = !closed && live.isEmpty();
      if (now) {
        closed = true;
      }
    }
    if (now) {
      stop();
    }
  }

  /**
   * Waits until the broker has stopped, by {@link #shutdown()} or an idle shutdown: no client is
   * accepted any more and none is left.
   *
   * @param timeout how long at most
   * @return whether it has stopped
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void stop() {
    router.shutdown(); // nobody is left to tell; this only closes the routing table
    stopped.countDown();
  }

  /** Same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  // Enforces handshake, Shutdown-answer and write deadlines; blocking reads cannot time out.
  private void watch() {
    long writeDeadline = config.writeDeadline().toNanos();
    long period = Math.max(1, Math.min(writeDeadline, config.handshakeTimeout().toNanos()) / 10
        / 1_000_000);
    while (!(closed && live.isEmpty())) {
      try {
        Thread.sleep(Math.min(period, 100));
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (ClientConnection c : live) {
        c.dropIfOverdue(now, writeDeadline);
      }
    }
  }
}

package org.loombus.aldrin.broker;

import java.nio.channels.ByteChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.loombus.aldrin.broker.internal.ClientConnection;
import org.loombus.aldrin.broker.internal.Router;
import org.loombus.aldrin.broker.internal.Session;
import org.loombus.aldrin.broker.internal.Tally;

/**
 * An Aldrin broker: clients of protocol 1.14 to 1.20 connect through any blocking byte channel
 * handed to {@link #serve}, and see the semantics and message order of aldrin-broker 0.13
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
  private volatile boolean closed;

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
   * Serves one client until it leaves or is dropped: the handshake (asking the {@link Admission}
   * once a version is agreed), then its messages. Blocks; closes the channel before returning.
   *
   * @param channel a connected, blocking channel
   * @param peer who the client is, for the admission and logs
   */
  public void serve(ByteChannel channel, String peer) {
    ClientConnection c = new ClientConnection(ids.incrementAndGet(), peer, channel,
        config.queueFrames(), config.queueBytes(), tally);
    if (closed) {
      c.closeChannel();
      return;
    }
    live.add(c);
    try {
      new Session(router, config, c, peer).run();
    } finally {
      live.remove(c);
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
    closed = true;
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
      c.drop(null, "no Shutdown answer before the broker stopped");
    }
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

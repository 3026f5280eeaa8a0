package org.loombus.fuzz;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ConnectionException;
import org.loombus.broker.HandshakeException;
import org.loombus.broker.PendingConnection;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;

/**
 * Serves client byte streams through one real broker, each the way a socket client is served
 * (handshake, registration, frame reader, writer) but over a {@link MemoryTransport}, and checks
 * for every stream:
 *
 * <ul>
 *   <li>nothing escapes but a clean end or the broker's own {@link HandshakeException} or
 *       {@link ConnectionException} for a closed connection (not one caused by an unexpected
 *       exception, which the reader also turns into a close);
 *   <li>the stream is served within {@link #INPUT_LIMIT} (reads never block, so only a loop in the
 *       broker could take longer);
 *   <li>the thread serving it allocates at most {@link #ALLOCATION_BASE} plus
 *       {@link #ALLOCATION_PER_BYTE} per byte received: memory follows the bytes that arrive,
 *       never a length a header announces (a stream over the bound is served a second time and
 *       judged by that, since the first run of a path also loads classes and links call sites);
 *   <li>afterwards the transport is closed and the client is no longer registered;
 *   <li>everything written to the client is a well-formed broker stream ({@link BrokerOutput});
 *   <li>no thread of the broker (the client's writer) ended with an exception.
 * </ul>
 *
 * <p>The broker is configured so that small inputs reach its edges: 64-byte read buffers (growth,
 * compaction), a 16-frame queue (overflow), no payload limit (announced lengths up to 4 GiB). An
 * in-process client {@value #SINK} subscribed to {@code #} receives publications, and a client
 * whose name starts with {@value #RESTRICTED_PREFIX} is registered under restrictive access rules.
 */
public final class ConnectionHarness implements AutoCloseable {
  /** Longest time one stream may take. */
  public static final Duration INPUT_LIMIT = Duration.ofSeconds(10);
  /** Allocation allowed for any stream: buffers, a 64 KiB name, registration, log arguments. */
  public static final long ALLOCATION_BASE = 1 << 20;
  /** Allocation allowed per byte received: parsed masks and topic-tree nodes are the most. */
  public static final long ALLOCATION_PER_BYTE = 512;
  /** Name of the in-process client that subscribes to everything. */
  public static final String SINK = "fz.sink";
  /** Clients whose name starts with this get {@link #RESTRICTED_RULES}. */
  public static final String RESTRICTED_PREFIX = "r.";

  private static final ClientAaa RESTRICTED_RULES = ClientAaa.builder()
      .allowP2pTo(List.of("fz.*"))
      .allowPublishTo(List.of("a/#"))
      .allowSubscribeTo(List.of("a/+"))
      .denyBroadcast()
      .build();

  private final Broker broker;
  private final BusClient sink;
  /** The first exception that ended one of the broker's threads, reported with the next stream. */
  private final AtomicReference<Throwable> brokerThreadFailure = new AtomicReference<>();
  private final int baselineClients;
  /** One platform thread serves every stream, so its allocation can be measured. */
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "fuzz-connection");
    t.setDaemon(true);
    return t;
  });
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private ConnectionHarness() {
    broker = Broker.create(BrokerConfig.builder()
        .timeout(Duration.ofSeconds(1))
        .bufSize(64)
        .queueSize(16)
        .threadFactory(Thread.ofVirtual().name("fuzz-broker-", 0)
            .uncaughtExceptionHandler((t, e) -> brokerThreadFailure.compareAndSet(null, e))
            .factory())
        .build());
    sink = broker.handle().register(SINK, (self, frame) -> {});
    sink.subscribe("#", Qos.NO);
    baselineClients = broker.handle().statistics().clients();
  }

  /** @return a harness with its broker running */
  public static ConnectionHarness start() {
    return new ConnectionHarness();
  }

  /**
   * Serves one stream and checks it (see the class comment).
   *
   * @param stream every byte the client sends, then end of stream
   * @param chunk most bytes one read returns, 0 for no limit
   * @throws AssertionError if a check fails, naming the stream
   */
  public void serve(byte[] stream, int chunk) {
    long allowed = ALLOCATION_BASE + ALLOCATION_PER_BYTE * stream.length;
    long allocated = serveChecked(stream, chunk);
    if (allocated > allowed) {
      // The first run of a path loads classes and links call sites; judge a second serving.
      allocated = serveChecked(stream, chunk);
    }
    if (allocated > allowed) {
      throw failure(stream, chunk, allocated + " bytes allocated, at most " + allowed
          + " allowed", null);
    }
  }

  /** Serves the stream once, checks everything but the allocation, and returns that. */
  private long serveChecked(byte[] stream, int chunk) {
    MemoryTransport transport = new MemoryTransport(stream, chunk);
    Future<Long> served = worker.submit(() -> allocatedServing(transport));
    long allocated;
    try {
      allocated = served.get(INPUT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw failure(stream, chunk, "not served within " + INPUT_LIMIT.toSeconds() + " s", null);
    } catch (ExecutionException e) {
      throw failure(stream, chunk, "escaped the broker: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    Throwable threadFailure = brokerThreadFailure.getAndSet(null);
    if (threadFailure != null) {
      throw failure(stream, chunk, "a broker thread failed: " + threadFailure, threadFailure);
    }
    if (transport.isOpen()) {
      throw failure(stream, chunk, "the transport was left open", null);
    }
    int clients = broker.handle().statistics().clients();
    if (clients != baselineClients) {
      throw failure(stream, chunk, (clients - baselineClients) + " client(s) left registered",
          null);
    }
    try {
      BrokerOutput.check(transport.written());
    } catch (AssertionError e) {
      throw failure(stream, chunk, e.getMessage(), null);
    }
    return allocated;
  }

  /** Runs on the worker: the broker's own serving sequence, as {@code BrokerServer} runs it. */
  private long allocatedServing(MemoryTransport transport) throws ConnectionException {
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      PendingConnection pending = broker.handle().handshake(transport);
      ClientAaa rules = pending.name().startsWith(RESTRICTED_PREFIX) ? RESTRICTED_RULES : null;
      pending.accept(rules).run();
    } catch (HandshakeException closed) {
      // the broker refused the client; the checks after serving look at the outcome
    } catch (ConnectionException closed) {
      // The reader turns a bug into a forced close so that no client is left unread; for the
      // fuzzer that is a finding all the same.
      if (closed.getCause() instanceof RuntimeException || closed.getCause() instanceof Error) {
        throw closed;
      }
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static AssertionError failure(byte[] stream, int chunk, String what, Throwable cause) {
    String shown = HexFormat.ofDelimiter(" ").withUpperCase()
        .formatHex(stream, 0, Math.min(stream.length, 64));
    return new AssertionError(what + "; stream of " + stream.length + " bytes read "
        + (chunk <= 0 ? "whole" : "in chunks of " + chunk) + ": " + shown
        + (stream.length > 64 ? " …" : ""), cause);
  }

  /** Shuts the broker down and stops the worker. */
  @Override
  public void close() {
    sink.close();
    broker.close();
    worker.shutdownNow();
  }
}

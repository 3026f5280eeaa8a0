package org.loombus.broker.internal;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.FrameHandler;
import org.loombus.broker.LogText;
import org.loombus.broker.RemoteClient;
import org.loombus.broker.RemoteDelivery;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.RemoteStatistics;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.log.ThrottledLog;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.route.Registry;
import org.loombus.broker.internal.route.RemoteInbound;
import org.loombus.broker.internal.route.Router;
import org.loombus.broker.internal.route.Stats;
import org.loombus.broker.internal.write.BufferPool;
import org.loombus.broker.internal.write.HandlerOutbox;
import org.loombus.broker.internal.write.MemoryBudget;
import org.loombus.broker.internal.write.Outbox;
import org.loombus.broker.internal.write.QueueOutbox;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/**
 * The broker's state and life cycle behind {@link org.loombus.broker.BrokerHandle}: registration
 * and unregistration (with announcements and one log line per client), force-disconnect,
 * statistics, the keep-alive ticker and shutdown. How a client is attached is not its business:
 * transports come in through {@code accept}, in-process clients through
 * {@link #registerInProcess}.
 */
public final class BrokerCore {
  /** The logger of every broker line. */
  public static final System.Logger LOG = System.getLogger("org.loombus.broker");
  /** Name of the broker's own in-process client. */
  public static final String CORE_NAME = ".broker";

  private final BrokerConfig config;
  private final Registry registry;
  private final Stats stats = new Stats();
  private final Router router;
  private final BufferPool writeBuffers;
  private final MemoryBudget memory;
  private final PendingHandshakes pendingHandshakes;
  private final ThrottledLog handshakeLog = new ThrottledLog(LOG, "failed handshakes");
  private final ScheduledThreadPoolExecutor ticker;
  private final InProcessClient coreClient;
  private final HandlerOutbox coreOutbox;
  /** Publishes registration events; {@code null} without the core client. */
  private final Announcer announcer;
  private volatile RemoteRoutes remote;
  private volatile boolean shutdown;

  /** @param config the settings */
  public BrokerCore(BrokerConfig config) {
    this.config = config;
    this.memory = new MemoryBudget(config.effectiveMemoryBudget());
    this.pendingHandshakes = new PendingHandshakes(config.maxPendingHandshakes(),
        config.maxPendingPerPeer());
    this.registry = new Registry(memory);
    this.router = new Router(registry, stats, config, this::overflow);
    this.writeBuffers = new BufferPool(config.bufSize());
    this.ticker = new ScheduledThreadPoolExecutor(1, config.threadFactory());
    ticker.setRemoveOnCancelPolicy(true);
    // Until an RPC layer installs its handler, frames to .broker are consumed and ignored.
    this.coreOutbox = config.coreClient() ? new HandlerOutbox((self, frame) -> {}) : null;
    this.coreClient = coreOutbox == null ? null : registerHandled(CORE_NAME, coreOutbox);
    // After .broker's own registration, which is never announced.
    this.announcer = coreClient == null ? null
        : new Announcer(coreClient, router, config.threadFactory());
  }

  /** @return the routing of every operation */
  public Router router() {
    return router;
  }

  /** @return the broker-wide counters */
  public Stats stats() {
    return stats;
  }

  /** @return the bytes all clients' queues, buffers and subscriptions may hold together */
  public MemoryBudget memory() {
    return memory;
  }

  /** @return where the lines of failed and refused handshakes go, 20 a second at most */
  public ThrottledLog handshakeLog() {
    return handshakeLog;
  }

  /** @return the connections in their handshake now */
  public PendingHandshakes pendingHandshakes() {
    return pendingHandshakes;
  }

  /** @return the write buffers every stream writer borrows from */
  public BufferPool writeBuffers() {
    return writeBuffers;
  }

  /**
   * @param handler serves frames sent to {@code .broker}
   * @throws IllegalStateException if the broker runs without its core client
   */
  public void setCoreHandler(FrameHandler handler) {
    if (coreOutbox == null) {
      throw new IllegalStateException("the broker runs without its .broker client");
    }
    coreOutbox.replace(handler);
  }

  /** @return the {@code .broker} client, if configured */
  public Optional<BusClient> coreClient() {
    return Optional.ofNullable(coreClient);
  }

  /**
   * Joins the broker to a federation (docs/federation.md).
   *
   * @param routes the provider that reaches the other brokers
   * @return where the provider hands in their frames
   * @throws IllegalStateException if the broker is federated already
   */
  public RemoteDelivery federate(RemoteRoutes routes) {
    if (remote != null) {
      throw new IllegalStateException("the broker is federated already");
    }
    remote = routes;
    registry.federate(routes);
    router.federate(routes);
    return new RemoteInbound(router, registry, (entry, reason) -> disconnect(entry, reason, true, Transport.Ending.POLICY));
  }

  /** @return the clients of other brokers, empty unless federated */
  public List<RemoteClient> remoteClients() {
    RemoteRoutes r = remote;
    return r == null ? List.of() : r.clients();
  }

  /** @return the federation's counters, empty unless federated */
  public Optional<RemoteStatistics> remoteStatistics() {
    RemoteRoutes r = remote;
    return r == null ? Optional.empty() : Optional.of(r.statistics());
  }

  /** @return the settings */
  public BrokerConfig config() {
    return config;
  }

  /**
   * Registers an in-process client.
   *
   * @param name its name
   * @param handler its frame handler, or {@code null} to queue frames for {@code receive}
   * @return the client
   */
  public BusClient registerInProcess(String name, FrameHandler handler) {
    if (handler != null) {
      return registerHandled(name, new HandlerOutbox(handler));
    }
    QueueOutbox queue = new QueueOutbox(config.queueSize(), config.queueBytes(),
        config.timeout().toNanos());
    return registerInProcess(new InProcessClient(this, inProcessEntry(name, queue), queue));
  }

  private InProcessClient registerHandled(String name, HandlerOutbox direct) {
    InProcessClient client = new InProcessClient(this, inProcessEntry(name, direct), null);
    direct.bind(client);
    return registerInProcess(client);
  }

  private static ClientEntry inProcessEntry(String name, Outbox outbox) {
    return new ClientEntry(name, ClientKind.INTERNAL, null, null, null, outbox,
        (reason, why) -> outbox.close(), null);
  }

  private InProcessClient registerInProcess(InProcessClient client) {
    int code = register(client.entry());
    if (code != ResultCode.OK) {
      throw new BusException(code, "cannot register " + client.name());
    }
    return client;
  }

  /**
   * Registers a client, replacing a same-named primary under force-register, and announces it.
   *
   * @param entry the client
   * @return the result code, or {@link Registry#LIMIT_REACHED} for a stream client beyond
   *     {@link BrokerConfig#maxClients()}
   */
  public int register(ClientEntry entry) {
    if (shutdown) {
      return ResultCode.NOT_SUPPORTED;
    }
    List<ClientEntry> replaced = new ArrayList<>(0);
    int code = registry.register(entry, config.forceRegister(), config.maxClients(), replaced);
    if (code == Registry.LIMIT_REACHED) {
      return code;
    }
    for (ClientEntry old : replaced) {
      old.outbox.close();
      old.endpoint.detach("replaced by a new connection (force-register)", Transport.Ending.POLICY);
      if (old.name.equals(entry.name)) {
        stats.forcedDisconnects.increment();
        LOG.log(Level.INFO, "client {0} replaced by a new connection of the same name",
            old.describe());
      } else {
        LOG.log(Level.DEBUG, "client {0} disconnected: its primary {1} was replaced",
            old.describe(), LogText.of(entry.name));
      }
    }
    if (code == ResultCode.OK) {
      LOG.log(Level.DEBUG, "client {0} registered", entry.describe());
      if (!entry.secondary) {
        announceEvent("reg", entry.name);
      }
    }
    return code;
  }

  /**
   * @param entry a client
   * @return whether it is still the one registered under its name
   */
  public boolean isRegistered(ClientEntry entry) {
    return registry.find(entry.name) == entry;
  }

  /**
   * Unregisters a client (and its secondaries), ends their attachments, announces and logs.
   *
   * @param entry the client
   * @param reason why, for the log line
   * @param forced whether the broker ended it (counted; logged as a warning)
   * @param why what its transport tells the peer; its secondaries are told {@code NORMAL}
   */
  public void disconnect(ClientEntry entry, String reason, boolean forced,
      Transport.Ending why) {
    List<ClientEntry> removed = List.of();
    try {
      removed = registry.remove(entry);
    } finally {
      if (removed.isEmpty()) {
        // Gone already, or the routing table failed to forget it: its connection ends anyway.
        entry.outbox.close();
        entry.endpoint.detach(reason, why);
      }
    }
    for (ClientEntry c : removed) {
      String because = c == entry ? reason : "its primary " + LogText.of(entry.name) + " left";
      try {
        c.outbox.close();
      } finally {
        c.endpoint.detach(because, c == entry ? why : Transport.Ending.NORMAL);
      }
      if (forced && c == entry) {
        stats.forcedDisconnects.increment();
      }
      LOG.log(forced && c == entry ? Level.WARNING : Level.DEBUG,
          "client {0} disconnected: {1}", c.describe(), because);
      if (!c.secondary) {
        announceEvent("unreg", c.name);
      }
    }
  }

  /**
   * A delivery found the client's queue full and not about to drain (docs/protocol.md §3.9).
   *
   * @param entry the client
   */
  public void overflow(ClientEntry entry) {
    stats.dropped();
    if (entry.kind == ClientKind.INTERNAL) {
      LOG.log(Level.WARNING, "in-process client {0}: queue full for {1} ms, frame dropped",
          LogText.of(entry.name), config.timeout().toMillis());
    } else {
      String stalled = entry.outbox.stalled(System.nanoTime())
          ? " and it took no bytes for " + config.stallTimeout().toMillis() + " ms" : "";
      disconnect(entry, "outgoing queue full (" + config.queueSize() + " frames or "
          + config.queueBytes() + " bytes)" + stalled, true, Transport.Ending.POLICY);
    }
  }

  /**
   * @param name a client's full name
   * @throws BusException 71 if unknown, 75 for an in-process client
   */
  public void forceDisconnect(String name) {
    ClientEntry entry = registry.find(name);
    if (entry == null) {
      throw new BusException(ResultCode.NOT_REGISTERED, "no client " + name);
    }
    if (entry.kind == ClientKind.INTERNAL) {
      throw new BusException(ResultCode.NOT_SUPPORTED, name + " is an in-process client");
    }
    disconnect(entry, "force-disconnected", true, Transport.Ending.POLICY);
  }

  /**
   * @param name a client's full name
   * @return its socket connection, if registered
   */
  public Optional<ConnectionHandle> connection(String name) {
    ClientEntry entry = registry.find(name);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.endpoint.handle());
  }

  /**
   * @param entry a client
   * @return 1 + its registered secondaries
   */
  public int instances(ClientEntry entry) {
    return registry.instances(entry);
  }

  /** @return primaries sorted by name, with their counters */
  public List<ClientInfo> clients() {
    List<ClientInfo> out = new ArrayList<>();
    for (ClientEntry c : registry.all()) {
      if (!c.secondary) {
        out.add(c.info(registry.instances(c)));
      }
    }
    out.sort(Comparator.comparing(ClientInfo::name, BrokerCore::compareUtf8));
    return out;
  }

  private static int compareUtf8(String a, String b) {
    return java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** @return broker-wide counters */
  public BrokerStatistics statistics() {
    return new BrokerStatistics(
        Duration.ofNanos(System.nanoTime() - stats.createdNanos),
        stats.rFrames(), stats.rBytes(), stats.wFrames(), stats.wBytes(), registry.size(),
        stats.droppedFrames.sum(), stats.forcedDisconnects.sum(), stats.rejectedHandshakes.sum());
  }

  private void announceEvent(String subject, String name) {
    if (announcer != null) {
      announcer.post(subject, name);
    }
  }

  /** @return registration events dropped or cancelled while their monitors were too slow */
  public long droppedAnnouncements() {
    return announcer == null ? 0 : announcer.dropped();
  }

  /**
   * Publishes from {@code .broker} with QoS 0; a no-op without the core client.
   *
   * @param topic topic
   * @param payload payload
   */
  public void announce(String topic, byte[] payload) {
    if (coreClient != null && isRegistered(coreClient.entry())) {
      coreClient.publish(topic, payload, Qos.NO);
    }
  }

  /**
   * Runs {@code task} every {@code period} on the broker's ticker thread.
   *
   * @param period how often
   * @param task what to run; quick, it shares the thread with every other schedule
   * @return the schedule, to cancel
   */
  public ScheduledFuture<?> every(Duration period, Runnable task) {
    long p = Math.max(1, period.toNanos());
    return ticker.scheduleAtFixedRate(task, p, p, TimeUnit.NANOSECONDS);
  }

  /** @return whether shutdown has begun */
  public boolean isShutdown() {
    return shutdown;
  }

  /**
   * Announces the shutdown, lets socket writers flush what is queued (bounded by T), then
   * disconnects everyone and stops the ticker. Idempotent.
   */
  public void shutdown() {
    if (shutdown) {
      return;
    }
    long deadline = System.nanoTime() + config.timeout().toNanos();
    if (announcer != null) {
      announcer.flush(deadline); // the events before it, then the warning, last
      announcer.stop();
    }
    announce(".broker/warn", Announcements.event("shutdown", null));
    shutdown = true;
    List<ClientEntry> all = registry.all();
    for (ClientEntry c : all) {
      c.outbox.closeAfterDrain();
    }
    for (ClientEntry c : all) {
      c.outbox.awaitDrained(deadline);
    }
    for (ClientEntry c : all) {
      List<ClientEntry> removed = registry.remove(c);
      for (ClientEntry r : removed) {
        r.outbox.close();
        r.endpoint.detach("broker shut down", Transport.Ending.SHUTDOWN);
      }
    }
    ticker.shutdownNow();
    LOG.log(Level.DEBUG, "broker shut down");
  }

  /**
   * @param t a transport to close, already broken or not
   * @param why what it tells its peer
   */
  public static void closeQuietly(Transport t, Transport.Ending why) {
    try {
      t.close(why);
    } catch (java.io.IOException e) {
      // already broken; nothing more to do
    }
  }
}

package org.loombus.broker;

import java.util.List;
import java.util.Optional;
import org.loombus.broker.internal.BrokerCore;
import org.loombus.broker.internal.accept.ServerHandshake;
import org.loombus.broker.internal.write.Pacing;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;

/**
 * The thread-safe, shareable face of a {@link Broker}: hand it connections, register in-process
 * clients, inspect and disconnect clients, read statistics, shut down.
 */
public final class BrokerHandle {
  private final BrokerCore core;

  BrokerHandle(BrokerCore core) {
    this.core = core;
  }

  /**
   * Runs the server side of the handshake on the calling thread (greeting, name), each step
   * limited by the configured timeout.
   *
   * @param transport a fresh client connection
   * @return the client waiting to be accepted or rejected
   * @throws HandshakeException if the handshake fails; the transport is closed
   */
  public PendingConnection handshake(Transport transport) throws HandshakeException {
    return ServerHandshake.run(core, transport);
  }

  /**
   * Registers an in-process client whose frames are read with {@link BusClient#receive()}. Names
   * are not validated (a leading dot is allowed) and access control does not apply.
   *
   * @param name the client name
   * @return the client
   * @throws BusException if the name is taken ({@code 76}), or it is a secondary whose primary is
   *     absent ({@code 71})
   */
  public BusClient register(String name) {
    return core.registerInProcess(name, null);
  }

  /**
   * Registers an in-process client whose frames are handed to {@code handler} on the delivering
   * thread instead of being queued.
   *
   * @param name the client name
   * @param handler receives every frame delivered to the client
   * @return the client
   * @throws BusException if the name is taken or a secondary's primary is absent
   */
  public BusClient register(String name, FrameHandler handler) {
    return core.registerInProcess(name, handler);
  }

  /**
   * Disconnects a socket client (docs/protocol.md §6.3).
   *
   * @param name the client's full name
   * @throws BusException {@code 71} if no such client, {@code 75} for an in-process client
   */
  public void forceDisconnect(String name) {
    core.forceDisconnect(name);
  }

  /**
   * @param name a client's full name
   * @return the registered socket connection of that name, if any
   */
  public Optional<ConnectionHandle> connection(String name) {
    return core.connection(name);
  }

  /** @return every registered primary client, sorted by name (docs/protocol.md §5.4) */
  public List<ClientInfo> clients() {
    return core.clients();
  }

  /**
   * Joins the broker to a federation of brokers (docs/federation.md): from now on, direct
   * messages to names not registered here, and every broadcast and publication after its local
   * fan-out, also go to {@code routes}, which brings frames from the other brokers back in through
   * the returned delivery. Call it before clients connect; once per broker.
   *
   * @param routes the provider reaching the other brokers
   * @return where the provider hands in frames from the other brokers
   * @throws IllegalStateException if the broker is federated already
   */
  public RemoteDelivery federate(RemoteRoutes routes) {
    return core.federate(routes);
  }

  /** @return primary clients registered on other brokers of the federation; empty if none */
  public List<RemoteClient> remoteClients() {
    return core.remoteClients();
  }

  /** @return the federation's counters, empty unless the broker is federated */
  public Optional<RemoteStatistics> remoteStatistics() {
    return core.remoteStatistics();
  }

  /** @return the broker-wide counters */
  public BrokerStatistics statistics() {
    return core.statistics();
  }

  /**
   * Publishes a message from the {@code .broker} client on a topic, e.g. the shutdown warning.
   * Does nothing if the broker runs without its core client.
   *
   * @param topic the topic
   * @param payload the payload
   */
  public void announce(String topic, byte[] payload) {
    core.announce(topic, payload);
  }

  /**
   * Makes {@code handler} serve every frame sent to the broker's own client {@code .broker}, e.g.
   * the core RPC. It runs on the delivering thread: it must be quick.
   *
   * @param handler the handler
   * @throws IllegalStateException if the broker was configured without its core client
   */
  public void setCoreHandler(FrameHandler handler) {
    core.setCoreHandler(handler);
  }

  /**
   * @return the broker's own in-process client {@code .broker}, to act in its name (e.g. the
   *     FIFO command channel); empty if the broker runs without it
   */
  public Optional<BusClient> coreClient() {
    return core.coreClient();
  }

  /**
   * Lets a full receiver hold the calling thread back: from now on, a delivery from this thread
   * to a socket client whose queue is full waits for as long as the client keeps reading (up to
   * the stall time without progress), instead of disconnecting the client. For an application
   * thread that may wait, such as a command channel's reader; never for a thread that must not.
   */
  public void holdBackCallingThread() {
    Pacing.allowOnThisThread();
  }

  /** @return the broker's settings */
  public BrokerConfig config() {
    return core.config();
  }

  /** @return whether {@link #shutdown()} has been called */
  public boolean isShutdown() {
    return core.isShutdown();
  }

  /**
   * Publishes the shutdown announcement on {@code .broker/warn} (with the core client), then
   * disconnects every client; in-process clients waiting in {@code receive} get a
   * {@link BrokerShutdownException}. Idempotent.
   */
  public void shutdown() {
    core.shutdown();
  }
}

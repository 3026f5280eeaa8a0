package org.loombus.federation;

import org.loombus.broker.BrokerHandle;
import org.loombus.broker.RemoteStatistics;
import org.loombus.federation.internal.Node;

/**
 * A broker joined to a federation of brokers over NATS (docs/federation.md): clients of any node
 * reach clients of every other as on one bus. NATS does the clustering, reconnection and routing;
 * this is the bridge between the broker's routing and NATS subjects.
 *
 * <pre>{@code
 * Broker broker = Broker.create(config);
 * Federation federation = Federation.start(broker.handle(),
 *     FederationConfig.of(List.of("nats://127.0.0.1:4222"), "hostA", Duration.ofSeconds(5)));
 * }</pre>
 */
public final class Federation implements AutoCloseable {
  private final Node node;

  private Federation(Node node) {
    this.node = node;
  }

  /**
   * Federates the broker and starts connecting in the background: the local bus runs whether
   * NATS is reachable or not.
   *
   * @param broker the broker, before its clients connect
   * @param config the settings
   * @return the running federation
   * @throws FederationException if a credentials, token or TLS file cannot be read or used
   * @throws IllegalStateException if the broker is federated already
   */
  public static Federation start(BrokerHandle broker, FederationConfig config)
      throws FederationException {
    return new Federation(Node.start(broker, config));
  }

  /** @return the counters and the link's state */
  public RemoteStatistics statistics() {
    return node.statistics();
  }

  /** Leaves the federation: the other nodes drop this one's names when its heartbeats stop. */
  @Override
  public void close() {
    node.close();
  }
}

package org.loombus.broker;

import org.loombus.broker.internal.BrokerCore;

/**
 * A BUS/RT broker: the registry of clients, their subscriptions and queues. Creating one starts no
 * thread; connections are handed to it through its {@link #handle()}. Closing it shuts it down
 * (see {@link BrokerHandle#shutdown()}).
 */
public final class Broker implements AutoCloseable {
  private final BrokerHandle handle;

  private Broker(BrokerConfig config) {
    this.handle = new BrokerHandle(new BrokerCore(config));
  }

  /**
   * @param config settings
   * @return a new broker; with {@link BrokerConfig#coreClient()} the {@code .broker} client is
   *     already registered
   */
  public static Broker create(BrokerConfig config) {
    return new Broker(config);
  }

  /** @return a broker with default settings */
  public static Broker create() {
    return create(BrokerConfig.builder().build());
  }

  /** @return the thread-safe handle through which everything is done */
  public BrokerHandle handle() {
    return handle;
  }

  /** Shuts the broker down; idempotent. */
  @Override
  public void close() {
    handle.shutdown();
  }
}

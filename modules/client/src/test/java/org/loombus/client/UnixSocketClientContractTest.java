package org.loombus.client;

import org.loombus.protocol.BusClient;

/** The shared behaviour, run on socket clients connected over the broker's Unix socket. */
class UnixSocketClientContractTest extends BusClientContract {
  @Override
  BusClient connect(String name) {
    ClientConfig config = ClientConfig.builder(broker.socketPath().toString(), name).build();
    return BusClients.connect(config);
  }
}

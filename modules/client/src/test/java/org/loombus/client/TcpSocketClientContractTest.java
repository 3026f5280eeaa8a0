package org.loombus.client;

import org.loombus.protocol.BusClient;

/** The shared behaviour, run on socket clients connected over loopback TCP. */
class TcpSocketClientContractTest extends BusClientContract {
  @Override
  BusClient connect(String name) {
    ClientConfig config =
        ClientConfig.builder("127.0.0.1:" + broker.tcp().getPort(), name).build();
    return BusClients.connect(config);
  }
}

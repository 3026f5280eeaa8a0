package org.loombus.client;

import org.loombus.protocol.BusClient;

/** The shared behaviour, run on in-process clients registered through the broker handle. */
class InProcessClientContractTest extends BusClientContract {
  @Override
  BusClient connect(String name) {
    return broker.handle().register(name);
  }
}

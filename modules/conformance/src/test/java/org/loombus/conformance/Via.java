package org.loombus.conformance;

import java.net.SocketAddress;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** The socket transports a test can reach the {@link TestBroker} through. */
enum Via {
  UNIX,
  TCP;

  SocketAddress address(TestBroker broker) {
    return this == UNIX ? broker.unix() : broker.tcp();
  }

  RawClient connect(TestBroker broker) {
    return RawClient.connect(address(broker));
  }

  RawClient register(TestBroker broker, String name) {
    return RawClient.register(address(broker), name);
  }
}

package org.loombus.server;

import org.loombus.broker.Transport;

/**
 * What a listener does with each connection it accepts, on a thread of its own: the BUS/RT
 * handshake and frame reader for a BUS/RT broker, or another protocol's for another front-end
 * sharing the same listeners code.
 */
@FunctionalInterface
public interface ConnectionServer {
  /**
   * Serves the connection until it ends; closes the transport before returning.
   *
   * @param transport the accepted connection, blocking, with what is known of the peer
   */
  void serve(Transport transport);
}

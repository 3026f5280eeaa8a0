package org.loombus.aldrin.broker;

import java.util.Optional;

/**
 * The accept step of every new Aldrin connection: called once the client's version is agreed on,
 * before the broker answers the handshake. It runs on the connection's own thread, so it may take
 * its time; the client waits for the answer.
 */
@FunctionalInterface
public interface Admission {
  /**
   * @param client the negotiated version, the client's data and where it comes from
   * @return whether to accept the client, and what data to send it in the reply
   */
  Decision decide(PendingClient client);

  /** @return an admission that accepts every client and sends no data */
  static Admission acceptAll() {
    return client -> new Decision.Accept(Optional.empty());
  }
}

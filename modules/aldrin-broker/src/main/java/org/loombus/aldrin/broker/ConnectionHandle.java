package org.loombus.aldrin.broker;

import org.loombus.aldrin.broker.internal.ClientConnection;
import org.loombus.aldrin.broker.internal.Router;
import org.loombus.aldrin.protocol.ProtocolVersion;

/**
 * Refers to one accepted client, for as long as the broker runs; safe to use from any thread and
 * after the client has gone.
 */
public final class ConnectionHandle {
  private final ClientConnection client;
  private final Router router;
  private final long answerNanos;

  ConnectionHandle(ClientConnection client, Router router, long answerNanos) {
    this.client = client;
    this.router = router;
    this.answerNanos = answerNanos;
  }

  /** @return the broker's number for the client, as its log lines show it */
  public long id() {
    return client.id();
  }

  /** @return the protocol version agreed in its handshake */
  public ProtocolVersion version() {
    return client.version();
  }

  /**
   * Shuts this client down as {@link AldrinBroker#shutdown()} does for all: it gets {@code
   * Shutdown}, its objects, services, channels and pending calls go with the events and answers
   * others see, and it is dropped if it does not answer within the handshake timeout. Returns
   * without waiting for the answer.
   *
   * @return false if the client had already left
   */
  public boolean shutdown() {
    if (!router.shutdown(client)) {
      return false;
    }
    client.deadline(System.nanoTime() + answerNanos);
    return true;
  }

  @Override
  public String toString() {
    return "aldrin client " + client;
  }
}

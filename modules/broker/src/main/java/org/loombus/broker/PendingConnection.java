package org.loombus.broker;

/**
 * A socket client that has completed the handshake and named itself but is not registered yet.
 * The embedder inspects it and calls exactly one of {@link #accept()} or {@link #reject(int)}.
 */
public interface PendingConnection {

  /** @return the name the client asked for */
  String name();

  /** @return the transport, for its peer address, credentials and listener */
  Transport transport();

  /**
   * Registers the client (the broker answers {@code 01}) and returns the connection to serve.
   *
   * @return the established connection; call {@link Connection#run()} to serve it
   * @throws HandshakeException if the name is taken ({@code 76}), a secondary's primary is absent
   *     ({@code 71}), the broker is shut down, or the status byte cannot be written
   */
  Connection accept() throws HandshakeException;

  /**
   * Refuses the client: sends the status byte and closes the transport.
   *
   * @param resultCode the status, e.g. {@link org.loombus.protocol.ResultCode#ACCESS}
   */
  void reject(int resultCode);
}

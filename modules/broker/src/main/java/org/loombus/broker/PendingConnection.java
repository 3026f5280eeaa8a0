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
   * Should the {@code 01} not reach the client, the registration is undone and
   * {@link Connection#run()} ends with a {@link ConnectionException}.
   *
   * @return the established connection; call {@link Connection#run()} to serve it
   * @throws HandshakeException if the name is taken ({@code 76}), a secondary's primary is absent
   *     ({@code 71}) or the broker is shut down
   */
  default Connection accept() throws HandshakeException {
    return accept(null);
  }

  /**
   * Registers the client under access rules, frozen for the life of the connection
   * (docs/protocol.md §6.2).
   *
   * @param rules the client's rules, or {@code null} for none
   * @return the established connection; call {@link Connection#run()} to serve it
   * @throws HandshakeException as for {@link #accept()}
   */
  Connection accept(ClientAaa rules) throws HandshakeException;

  /**
   * Refuses the client: sends the status byte and closes the transport.
   *
   * @param resultCode the status, e.g. {@link org.loombus.protocol.ResultCode#ACCESS}
   * @param reason why, for the broker's one log line about it
   */
  void reject(int resultCode, String reason);
}

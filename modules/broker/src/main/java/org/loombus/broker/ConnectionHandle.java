package org.loombus.broker;

/** A thread-safe view of one registered socket client. */
public interface ConnectionHandle {

  /** @return the client's registered name */
  String name();

  /** @return the transport the client is attached through */
  Transport transport();

  /** @return the client's counters and queue depth now */
  ClientInfo info();

  /** @return whether the client is still registered */
  boolean isConnected();

  /**
   * Unregisters the client and closes its transport; idempotent.
   *
   * @param reason why, for the log line
   */
  void disconnect(String reason);
}

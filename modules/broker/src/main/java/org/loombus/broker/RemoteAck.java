package org.loombus.broker;

/** The ACK of a direct message to a remote client, completed once the remote broker answers. */
@FunctionalInterface
public interface RemoteAck {
  /**
   * Queues the sender's ACK; call exactly once. Safe from any thread.
   *
   * @param code the result code, e.g. {@code 01} once delivered remotely
   */
  void complete(int code);
}

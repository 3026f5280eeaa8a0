package org.loombus.aldrin.broker.internal;

/** What a disconnect counts as in {@link Tally}; each is one counter of the broker's figures. */
public enum DropCause {
  /** The client's outgoing queue could not take one more frame. */
  QUEUE_FULL,
  /** One write to the client blocked past the write deadline. */
  WRITE_DEADLINE,
  /** Bytes that do not decode, or a message the protocol does not allow there. */
  PROTOCOL_VIOLATION,
  /** A message that would have made the client hold more entries than its limit. */
  ENTRY_LIMIT,
  /** No handshake in time. */
  HANDSHAKE_TIMEOUT,
  /** No answer in time to the {@code Shutdown} the broker sent (its own or through a handle). */
  SHUTDOWN_UNANSWERED,
  /** The handshake was refused: by the admission, or for a version not supported. */
  REFUSED
}

package org.loombus.broker;

import java.io.IOException;

/**
 * Thrown by a {@link Transport}'s read when the peer broke the transport's own protocol under the
 * BUS/RT byte stream (a WebSocket frame unmasked or too large, say). The broker ends such a
 * connection like a BUS/RT protocol violation: a forced disconnect, logged once with this
 * exception's message as the reason, rather than as a connection the peer merely lost.
 */
public class TransportViolation extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param reason what the peer did, for the log line */
  public TransportViolation(String reason) {
    super(reason);
  }
}

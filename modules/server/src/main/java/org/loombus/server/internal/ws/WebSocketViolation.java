package org.loombus.server.internal.ws;

import org.loombus.broker.TransportViolation;

/**
 * A client that broke RFC 6455 or sent what BUS/RT does not carry: its connection ends with the
 * close status {@link #status}, and the broker logs the message as the reason of a forced
 * disconnect.
 */
final class WebSocketViolation extends TransportViolation {
  private static final long serialVersionUID = 1L;
  /** RFC 6455 §7.4.1: 1002 protocol error, 1003 unacceptable data, 1009 message too big. */
  final int status;

  WebSocketViolation(int status, String reason) {
    super("WebSocket: " + reason);
    this.status = status;
  }
}

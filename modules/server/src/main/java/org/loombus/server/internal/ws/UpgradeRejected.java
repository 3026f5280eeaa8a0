package org.loombus.server.internal.ws;

import java.io.IOException;

/** A connection that never became a WebSocket: the message is the reason for the log line. */
final class UpgradeRejected extends IOException {
  private static final long serialVersionUID = 1L;

  UpgradeRejected(String reason) {
    super(reason);
  }
}

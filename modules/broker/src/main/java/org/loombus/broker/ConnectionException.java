package org.loombus.broker;

import java.io.IOException;

/** An established connection ended abnormally: protocol error, timeout, I/O error, disconnect. */
public class ConnectionException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message the reason, as logged
   * @param cause the underlying error, or {@code null}
   */
  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}

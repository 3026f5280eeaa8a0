package org.loombus.broker;

import java.io.IOException;

/** A connection failed before registration: bad greeting or name, refusal, timeout, I/O error. */
public class HandshakeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final int resultCode;

  /**
   * @param resultCode the status byte sent to the client, or 0 if none was sent
   * @param message what went wrong
   * @param cause the underlying error, or {@code null}
   */
  public HandshakeException(int resultCode, String message, Throwable cause) {
    super(message, cause);
    this.resultCode = resultCode;
  }

  /** @return the status byte sent to the client, or 0 if none was sent */
  public int resultCode() {
    return resultCode;
  }
}

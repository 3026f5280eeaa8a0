package org.loombus.protocol;

/** The client is no longer connected to the broker, so the operation cannot complete. */
public class ClientClosedException extends BusException {
  private static final long serialVersionUID = 1L;

  /** @param message why the client is closed */
  public ClientClosedException(String message) {
    super(ResultCode.IO, message);
  }
}

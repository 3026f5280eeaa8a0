package org.loombus.broker;

import org.loombus.protocol.ClientClosedException;

/** The broker shut down while the operation was pending, or after it. */
public class BrokerShutdownException extends ClientClosedException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public BrokerShutdownException() {
    super("the broker has shut down");
  }
}

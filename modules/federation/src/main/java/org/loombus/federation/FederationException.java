package org.loombus.federation;

/** The federation cannot start: a file it needs cannot be read or used. */
public final class FederationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param message one line saying what is wrong */
  public FederationException(String message) {
    super(message);
  }
}

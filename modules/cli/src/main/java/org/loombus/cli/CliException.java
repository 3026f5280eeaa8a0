package org.loombus.cli;

/** Ends the tool with one line on stderr and a non-zero status. */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  CliException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** @return 2 for a command-line error, 1 for a failure */
  int status() {
    return status;
  }

  static CliException usage(String message) {
    return new CliException(2, message);
  }

  static CliException failed(String message) {
    return new CliException(1, message);
  }
}

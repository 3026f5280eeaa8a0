package org.loombus.protocol;

/** A bus operation failed with a BUS/RT result code (docs/protocol.md §2.6). */
public class BusException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;

  /**
   * @param code the result code, e.g. {@link ResultCode#NOT_REGISTERED}
   * @param message what failed
   */
  public BusException(int code, String message) {
    super(message + " (" + ResultCode.describe(code) + ")");
    this.code = code;
  }

  /** @return the result code */
  public int code() {
    return code;
  }
}

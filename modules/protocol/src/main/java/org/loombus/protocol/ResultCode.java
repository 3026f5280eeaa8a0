package org.loombus.protocol;

/** Result codes of the handshake status byte and of ACK byte 5 (docs/protocol.md §2.6). */
public final class ResultCode {
  /** Success. */
  public static final int OK = 0x01;
  /** A direct message's target, or a secondary's primary, is not registered. */
  public static final int NOT_REGISTERED = 0x71;
  /** Invalid data, e.g. an empty or dot-prefixed client name. */
  public static final int DATA = 0x72;
  /** Input/output error. */
  public static final int IO = 0x73;
  /** Any other error. */
  public static final int OTHER = 0x74;
  /** Bad greeting or protocol version. */
  public static final int NOT_SUPPORTED = 0x75;
  /** The name is already registered. */
  public static final int BUSY = 0x76;
  /** The target's outgoing queue was full; the frame was not delivered. */
  public static final int NOT_DELIVERED = 0x77;
  /** Timed out. */
  public static final int TIMEOUT = 0x78;
  /** Denied by access control. */
  public static final int ACCESS = 0x79;

  private ResultCode() {}

  /**
   * @param code a result code
   * @return a short human-readable name of the code
   */
  public static String describe(int code) {
    return switch (code) {
      case OK -> "ok";
      case NOT_REGISTERED -> "not registered";
      case DATA -> "invalid data";
      case IO -> "i/o error";
      case OTHER -> "other error";
      case NOT_SUPPORTED -> "not supported";
      case BUSY -> "busy";
      case NOT_DELIVERED -> "not delivered";
      case TIMEOUT -> "timeout";
      case ACCESS -> "access denied";
      default -> String.format("code 0x%02X", code & 0xFF);
    };
  }
}

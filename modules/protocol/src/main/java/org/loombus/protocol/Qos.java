package org.loombus.protocol;

/**
 * Quality of service of a client frame (docs/protocol.md §2.2): bit 0 asks for an acknowledgement
 * once the broker has processed the frame, bit 1 marks it real-time (flushed at once, flagged on
 * delivery).
 */
public enum Qos {
  /** Fire and forget. */
  NO,
  /** Acknowledged after processing. */
  PROCESSED,
  /** Flushed at once, not acknowledged. */
  REALTIME,
  /** Flushed at once and acknowledged. */
  REALTIME_PROCESSED;

  private static final Qos[] BY_CODE = values();

  /** @return the two-bit code (0–3) */
  public int code() {
    return ordinal();
  }

  /** @return whether the broker answers the frame with an ACK */
  public boolean needsAck() {
    return (ordinal() & 1) != 0;
  }

  /** @return whether the frame is real-time */
  public boolean isRealtime() {
    return (ordinal() & 2) != 0;
  }

  /**
   * @param code the two QoS bits (0–3)
   * @return the QoS with that code
   */
  public static Qos of(int code) {
    return BY_CODE[code & 3];
  }
}

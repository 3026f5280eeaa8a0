package org.loombus.aldrin.protocol;

/**
 * The two generations of Aldrin's value encoding. Epoch 1 (protocol 1.14 to 1.19) writes
 * containers with an element count in front; epoch 2 (1.20) adds streamed containers that end with
 * a terminator instead, under new kind numbers (43 to 65). An epoch-2 reader accepts both forms,
 * so values only ever need converting towards epoch 1.
 */
public enum ValueEpoch {
  /** Counted containers only; value kinds 0 to 42. */
  V1,
  /** Counted and streamed containers; value kinds 0 to 65. */
  V2;

  /**
   * @param version a supported protocol version
   * @return the epoch whose values a peer of that version reads
   * @throws IllegalArgumentException if the version is not one of 1.14 to 1.20
   */
  public static ValueEpoch of(ProtocolVersion version) {
    if (!version.isSupported()) {
      throw new IllegalArgumentException("no value epoch for protocol version " + version);
    }
    return version.isAtLeast(ProtocolVersion.V1_20) ? V2 : V1;
  }

  /**
   * @param kind a value kind
   * @return whether values of this epoch may use it
   */
  public boolean allows(ValueKind kind) {
    return kind.epoch().compareTo(this) <= 0;
  }
}

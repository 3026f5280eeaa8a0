package org.loombus.aldrin.protocol;

/**
 * An Aldrin protocol version. Both numbers are unsigned 32-bit integers on the wire and are carried
 * in Java {@code int}s; comparisons treat them as unsigned.
 *
 * @param major major version; only 1 exists
 * @param minor minor version
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {
  /** 1.14, the oldest version aldrin-broker 0.13 speaks and the only one of the first handshake. */
  public static final ProtocolVersion V1_14 = new ProtocolVersion(1, 14);
  /** 1.15: adds Connect2 and ConnectReply2. */
  public static final ProtocolVersion V1_15 = new ProtocolVersion(1, 15);
  /** 1.16: adds AbortFunctionCall. */
  public static final ProtocolVersion V1_16 = new ProtocolVersion(1, 16);
  /** 1.17: adds introspection, CreateService2 and QueryServiceInfo. */
  public static final ProtocolVersion V1_17 = new ProtocolVersion(1, 17);
  /** 1.18: adds service subscriptions and all-events subscriptions. */
  public static final ProtocolVersion V1_18 = new ProtocolVersion(1, 18);
  /** 1.19: adds CallFunction2. */
  public static final ProtocolVersion V1_19 = new ProtocolVersion(1, 19);
  /** 1.20: adds the second value epoch (streamed containers). */
  public static final ProtocolVersion V1_20 = new ProtocolVersion(1, 20);

  /** The oldest supported version. */
  public static final ProtocolVersion MIN = V1_14;
  /** The newest supported version. */
  public static final ProtocolVersion MAX = V1_20;

  /** @return whether this codec (and aldrin-broker 0.13) supports this version */
  public boolean isSupported() {
    return compareTo(MIN) >= 0 && compareTo(MAX) <= 0;
  }

  /**
   * @param other a version
   * @return whether this version is the same as or newer than {@code other}
   */
  public boolean isAtLeast(ProtocolVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(ProtocolVersion other) {
    int c = Integer.compareUnsigned(major, other.major);
    return c != 0 ? c : Integer.compareUnsigned(minor, other.minor);
  }

  /** @return {@code major.minor}, both unsigned */
  @Override
  public String toString() {
    return Integer.toUnsignedString(major) + "." + Integer.toUnsignedString(minor);
  }
}

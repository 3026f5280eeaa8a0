package org.loombus.aldrin.protocol;

import java.util.Optional;

/**
 * The version handshake of aldrin-broker 0.13, as pure functions.
 *
 * <p>A client's first message is {@link Connect} (the first handshake, protocol 1.14 only) or
 * {@link Connect2} (since 1.15: major and newest minor version). For {@link Connect2} the broker
 * takes major 1 and the smaller of the client's minor and its own newest ({@value #NEWEST_MINOR});
 * a major other than 1, or a minor below {@value #OLDEST_MINOR}, is incompatible. For {@link
 * Connect} only minor 14 is accepted, and the answer to anything else names 14.
 *
 * <p>Reply values are written in the epoch of the version agreed on; the incompatible answer to
 * {@link Connect2} is written in epoch 1, since the client may be too old for anything else.
 */
public final class Handshake {
  /** The oldest minor version aldrin-broker 0.13 speaks. */
  public static final int OLDEST_MINOR = 14;
  /** The newest minor version aldrin-broker 0.13 speaks. */
  public static final int NEWEST_MINOR = 20;
  /** The only major version. */
  public static final int MAJOR = 1;

  private Handshake() {}

  /**
   * @param first the client's first message
   * @return the agreed version, or the incompatible answer, or that it was no handshake
   */
  public static Negotiation negotiate(AldrinMessage first) {
    return switch (first) {
      case Connect c -> negotiate(c);
      case Connect2 c -> negotiate(c);
      default -> new Negotiation.NotAHandshake(first.kind());
    };
  }

  /**
   * @param connect a first-handshake request
   * @return 1.14 if the client asked for minor 14, else the answer {@code IncompatibleVersion(14)}
   */
  public static Negotiation negotiate(Connect connect) {
    ProtocolVersion requested = new ProtocolVersion(MAJOR, connect.version());
    if (connect.version() == OLDEST_MINOR) {
      return new Negotiation.Agreed(ProtocolVersion.V1_14, true);
    }
    return new Negotiation.Incompatible(
        requested,
        new ConnectReply(new ConnectReply.Result.IncompatibleVersion(OLDEST_MINOR)));
  }

  /**
   * @param connect a second-handshake request
   * @return major 1 with the smaller of the client's and the broker's newest minor, or the answer
   *     {@code IncompatibleVersion} with an empty data struct
   */
  public static Negotiation negotiate(Connect2 connect) {
    ProtocolVersion requested =
        new ProtocolVersion(connect.majorVersion(), connect.minorVersion());
    if (connect.majorVersion() != MAJOR
        || Integer.compareUnsigned(connect.minorVersion(), OLDEST_MINOR) < 0) {
      RawValue empty = ValueCodec.encode(HandshakeData.of(Optional.empty()), ValueEpoch.V1);
      return new Negotiation.Incompatible(
          requested,
          new ConnectReply2(new ConnectReply2.Result.IncompatibleVersion(), empty));
    }
    int minor =
        Integer.compareUnsigned(connect.minorVersion(), NEWEST_MINOR) > 0
            ? NEWEST_MINOR
            : connect.minorVersion();
    return new Negotiation.Agreed(new ProtocolVersion(MAJOR, minor), false);
  }

  /**
   * @param agreed the negotiation's outcome
   * @param brokerData data for the client, if any
   * @return {@link ConnectReply} {@code Ok} (the data, or {@code None}) for the first handshake;
   *     {@link ConnectReply2} {@code Ok(minor)} with the data struct for the second
   */
  public static AldrinMessage acceptReply(
      Negotiation.Agreed agreed, Optional<AldrinValue> brokerData) {
    ValueEpoch epoch = ValueEpoch.of(agreed.version());
    if (agreed.legacy()) {
      return new ConnectReply(new ConnectReply.Result.Ok(legacyData(brokerData, epoch)));
    }
    return new ConnectReply2(
        new ConnectReply2.Result.Ok(agreed.version().minor()),
        ValueCodec.encode(HandshakeData.of(brokerData), epoch));
  }

  /**
   * @param agreed the negotiation's outcome
   * @param brokerData data for the client, if any
   * @return {@link ConnectReply} {@code Rejected} (the data, or {@code None}) for the first
   *     handshake; {@link ConnectReply2} {@code Rejected} with the data struct for the second
   */
  public static AldrinMessage rejectReply(
      Negotiation.Agreed agreed, Optional<AldrinValue> brokerData) {
    ValueEpoch epoch = ValueEpoch.of(agreed.version());
    if (agreed.legacy()) {
      return new ConnectReply(new ConnectReply.Result.Rejected(legacyData(brokerData, epoch)));
    }
    return new ConnectReply2(
        new ConnectReply2.Result.Rejected(),
        ValueCodec.encode(HandshakeData.of(brokerData), epoch));
  }

  /**
   * The client's own data: the whole value of {@link Connect}, or field 0 of the struct in {@link
   * Connect2}.
   *
   * @param first the client's connect message
   * @return the client's data, if it sent any
   * @throws AldrinDecodeException {@link DecodeProblem#UNEXPECTED_VALUE_SHAPE} if a {@link
   *     Connect2} value is not a connect-data struct
   * @throws IllegalArgumentException if {@code first} is no connect message
   */
  public static Optional<AldrinValue> clientData(AldrinMessage first)
      throws AldrinDecodeException {
    return switch (first) {
      case Connect c -> Optional.of(ValueCodec.decode(c.value()));
      case Connect2 c -> HandshakeData.userData(ValueCodec.decode(c.value()));
      default -> throw new IllegalArgumentException("not a connect message: " + first.kind());
    };
  }

  // The first handshake sends the data itself, and None when there is none.
  private static RawValue legacyData(Optional<AldrinValue> data, ValueEpoch epoch) {
    return data.map(d -> ValueCodec.encode(d, epoch)).orElse(RawValue.NONE);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The second handshake (since 1.15): a client offers a major and a newest minor version; its value
 * is a struct whose field 0 holds the client's data (see {@link HandshakeData}). The broker answers
 * with {@link ConnectReply2}. Wire, after the kind byte: the value slot, majorVersion (u32 varint),
 * minorVersion (u32 varint).
 *
 * @param majorVersion the client's major version
 * @param minorVersion the newest minor version the client speaks
 * @param value the connect data struct
 */
public record Connect2(
    int majorVersion,
    int minorVersion,
    RawValue value)
    implements MessageWithValue {
  /** Rejects nulls. */
  public Connect2 {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CONNECT2;
  }

  @Override
  public Connect2 withValue(RawValue value) {
    return new Connect2(majorVersion, minorVersion, value);
  }

  void writeFields(ByteSink out) {
    out.varU32(majorVersion);
    out.varU32(minorVersion);
  }

  static Connect2 read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int majorVersion = in.varU32("majorVersion");
    int minorVersion = in.varU32("minorVersion");
    return new Connect2(majorVersion, minorVersion, value);
  }
}

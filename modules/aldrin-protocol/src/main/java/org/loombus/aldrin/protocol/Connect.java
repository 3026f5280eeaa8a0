package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The first, 1.14-only handshake: a client asks for minor version {@code version} of major 1 and
 * sends data of its choice. The broker answers with {@link ConnectReply}; only minor 14 is
 * accepted. Wire, after the kind byte: the value slot, version (u32 varint).
 *
 * @param version requested minor version (major is implicitly 1)
 * @param value the client's data, any value
 */
public record Connect(int version, RawValue value) implements MessageWithValue {
  /** Rejects nulls. */
  public Connect {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CONNECT;
  }

  @Override
  public Connect withValue(RawValue value) {
    return new Connect(version, value);
  }

  void writeFields(ByteSink out) {
    out.varU32(version);
  }

  static Connect read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int version = in.varU32("version");
    return new Connect(version, value);
  }
}

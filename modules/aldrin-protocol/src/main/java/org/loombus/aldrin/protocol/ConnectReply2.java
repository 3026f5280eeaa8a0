package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link Connect2}. The value is always a struct whose field 0 may hold the
 * broker's data (see {@link HandshakeData}). Wire, after the kind byte: the value slot, the result
 * byte, then for an accepted connection the chosen minor version as a u32 varint.
 *
 * @param result the outcome
 * @param value the connect-reply data struct
 */
public record ConnectReply2(Result result, RawValue value) implements MessageWithValue {
  /** The outcome of the handshake. */
  public sealed interface Result {
    /**
     * 0: accepted; the connection uses major 1 and this minor version from now on.
     *
     * @param minorVersion the minor version the broker chose
     */
    record Ok(int minorVersion) implements Result {}

    /** 1: refused by the broker's embedder. */
    record Rejected() implements Result {}

    /** 2: no common version. */
    record IncompatibleVersion() implements Result {}
  }

  /** Rejects nulls. */
  public ConnectReply2 {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CONNECT_REPLY2;
  }

  @Override
  public ConnectReply2 withValue(RawValue value) {
    return new ConnectReply2(result, value);
  }

  void writeFields(ByteSink out) {
    switch (result) {
      case Result.Ok ok -> {
        out.u8(0);
        out.varU32(ok.minorVersion());
      }
      case Result.Rejected r -> out.u8(1);
      case Result.IncompatibleVersion v -> out.u8(2);
    }
  }

  static ConnectReply2 read(ByteSource in, RawValue value) throws AldrinDecodeException {
    Result result =
        switch (Fields.tag(in, "connect result", 3)) {
          case 0 -> new Result.Ok(in.varU32("minor version"));
          case 1 -> new Result.Rejected();
          default -> new Result.IncompatibleVersion();
        };
    return new ConnectReply2(result, value);
  }
}

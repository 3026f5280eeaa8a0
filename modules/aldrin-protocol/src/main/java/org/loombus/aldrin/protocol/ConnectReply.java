package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link Connect}. Wire, after the kind byte: the value slot (the broker's
 * data, or {@code None} for an incompatible version), the result byte, then for an incompatible
 * version the broker's minor version as a u32 varint.
 *
 * @param result the outcome
 */
public record ConnectReply(Result result) implements MessageWithValue {
  /** The outcome of the handshake. */
  public sealed interface Result {
    /**
     * 0: accepted.
     *
     * @param data the broker's data for the client
     */
    record Ok(RawValue data) implements Result {
      /** Rejects null. */
      public Ok {
        Objects.requireNonNull(data, "data");
      }
    }

    /**
     * 1: the version is not 1.14. The value slot holds {@code None}, which the reader discards.
     *
     * @param version the minor version the broker offers instead (aldrin-broker sends 14)
     */
    record IncompatibleVersion(int version) implements Result {}

    /**
     * 2: refused by the broker's embedder.
     *
     * @param data the broker's data for the client
     */
    record Rejected(RawValue data) implements Result {
      /** Rejects null. */
      public Rejected {
        Objects.requireNonNull(data, "data");
      }
    }
  }

  /** Rejects null. */
  public ConnectReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CONNECT_REPLY;
  }

  /** @return the data of an accepted or rejected connection, {@code None} otherwise */
  @Override
  public RawValue value() {
    return switch (result) {
      case Result.Ok ok -> ok.data();
      case Result.Rejected r -> r.data();
      case Result.IncompatibleVersion v -> RawValue.NONE;
    };
  }

  @Override
  public ConnectReply withValue(RawValue value) {
    return switch (result) {
      case Result.Ok ok -> new ConnectReply(new Result.Ok(value));
      case Result.Rejected r -> new ConnectReply(new Result.Rejected(value));
      case Result.IncompatibleVersion v -> this;
    };
  }

  void writeFields(ByteSink out) {
    switch (result) {
      case Result.Ok ok -> out.u8(0);
      case Result.IncompatibleVersion v -> {
        out.u8(1);
        out.varU32(v.version());
      }
      case Result.Rejected r -> out.u8(2);
    }
  }

  static ConnectReply read(ByteSource in, RawValue value) throws AldrinDecodeException {
    Result result =
        switch (Fields.tag(in, "connect result", 3)) {
          case 0 -> new Result.Ok(value);
          case 1 -> new Result.IncompatibleVersion(in.varU32("version"));
          default -> new Result.Rejected(value);
        };
    return new ConnectReply(result);
  }
}

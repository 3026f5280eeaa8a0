package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * An answer to {@link QueryIntrospection}: from the client the broker asked to the broker, and from
 * the broker to the client that asked. Wire, after the kind byte: the value slot ({@code None} when
 * there is no value, discarded when read), serial (u32 varint), the result byte.
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record QueryIntrospectionReply(int serial, Result result) implements MessageWithValue {
  /** The outcome. */
  public sealed interface Result {
    /**
     * 0: found.
     *
     * @param value the introspection
     */
    record Ok(RawValue value) implements Result {
      /** Rejects null. */
      public Ok {
        Objects.requireNonNull(value, "value");
      }
    }

    /** 1: no client can describe this type id. */
    record Unavailable() implements Result {}
  }

  /** Rejects null. */
  public QueryIntrospectionReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.QUERY_INTROSPECTION_REPLY;
  }

  /** @return the value of a successful answer, {@code None} otherwise */
  @Override
  public RawValue value() {
    return result instanceof Result.Ok ok ? ok.value() : RawValue.NONE;
  }

  @Override
  public QueryIntrospectionReply withValue(RawValue value) {
    return result instanceof Result.Ok
        ? new QueryIntrospectionReply(serial, new Result.Ok(value))
        : this;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result instanceof Result.Ok ? 0 : 1);
  }

  static QueryIntrospectionReply read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        Fields.tag(in, "result", 2) == 0 ? new Result.Ok(value) : new Result.Unavailable();
    return new QueryIntrospectionReply(serial, result);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The result of a call, from the service owner to the broker and from the broker to the caller
 * (the broker also makes up {@link Result.Aborted} and {@link Result.InvalidService} itself). Wire,
 * after the kind byte: the value slot ({@code None} for results without a value, discarded when
 * read), serial (u32 varint), the result byte.
 *
 * @param serial the call serial, as the receiver knows it
 * @param result the outcome
 */
public record CallFunctionReply(int serial, Result result) implements MessageWithValue {
  /** The outcome of a call. */
  public sealed interface Result {
    /**
     * 0: the function returned.
     *
     * @param value the return value
     */
    record Ok(RawValue value) implements Result {
      /** Rejects null. */
      public Ok {
        Objects.requireNonNull(value, "value");
      }
    }

    /**
     * 1: the function failed.
     *
     * @param value the error value
     */
    record Err(RawValue value) implements Result {
      /** Rejects null. */
      public Err {
        Objects.requireNonNull(value, "value");
      }
    }

    /** 2: the call was aborted (since 1.16). */
    record Aborted() implements Result {}

    /** 3: the service does not exist (any more). */
    record InvalidService() implements Result {}

    /** 4: the service has no such function. */
    record InvalidFunction() implements Result {}

    /** 5: the arguments did not fit the function. */
    record InvalidArgs() implements Result {}

    /** @return the wire byte */
    default int code() {
      return switch (this) {
        case Ok o -> 0;
        case Err e -> 1;
        case Aborted a -> 2;
        case InvalidService s -> 3;
        case InvalidFunction f -> 4;
        case InvalidArgs a -> 5;
      };
    }
  }

  /** Rejects null. */
  public CallFunctionReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CALL_FUNCTION_REPLY;
  }

  /** @return the return or error value, {@code None} for the other results */
  @Override
  public RawValue value() {
    return switch (result) {
      case Result.Ok ok -> ok.value();
      case Result.Err err -> err.value();
      default -> RawValue.NONE;
    };
  }

  @Override
  public CallFunctionReply withValue(RawValue value) {
    return switch (result) {
      case Result.Ok ok -> new CallFunctionReply(serial, new Result.Ok(value));
      case Result.Err err -> new CallFunctionReply(serial, new Result.Err(value));
      default -> this;
    };
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
  }

  static CallFunctionReply read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        switch (Fields.tag(in, "result", 6)) {
          case 0 -> new Result.Ok(value);
          case 1 -> new Result.Err(value);
          case 2 -> new Result.Aborted();
          case 3 -> new Result.InvalidService();
          case 4 -> new Result.InvalidFunction();
          default -> new Result.InvalidArgs();
        };
    return new CallFunctionReply(serial, result);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link QueryServiceVersion}. Wire, after the kind byte: serial (u32
 * varint), the result byte, then for success the version as a u32 varint.
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record QueryServiceVersionReply(int serial, Result result) implements AldrinMessage {
  /** The outcome. */
  public sealed interface Result {
    /**
     * 0: found.
     *
     * @param version the service's version
     */
    record Ok(int version) implements Result {}

    /** 1: no service has this cookie. */
    record InvalidService() implements Result {}
  }

  /** Rejects null. */
  public QueryServiceVersionReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.QUERY_SERVICE_VERSION_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    switch (result) {
      case Result.Ok ok -> {
        out.u8(0);
        out.varU32(ok.version());
      }
      case Result.InvalidService i -> out.u8(1);
    }
  }

  static QueryServiceVersionReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        Fields.tag(in, "result", 2) == 0
            ? new Result.Ok(in.varU32("version"))
            : new Result.InvalidService();
    return new QueryServiceVersionReply(serial, result);
  }
}

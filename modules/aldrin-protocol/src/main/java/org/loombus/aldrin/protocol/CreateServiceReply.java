package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link CreateService} and {@link CreateService2}. Wire, after the kind
 * byte: serial (u32 varint), the result byte, then for success the 16-byte service cookie.
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record CreateServiceReply(int serial, Result result) implements AldrinMessage {
  /** The outcome. */
  public sealed interface Result {
    /**
     * 0: created.
     *
     * @param cookie the cookie the broker assigned
     */
    record Ok(UUID cookie) implements Result {
      /** Rejects null. */
      public Ok {
        Objects.requireNonNull(cookie, "cookie");
      }
    }

    /** 1: the object already has a service with this UUID. */
    record DuplicateService() implements Result {}

    /** 2: no object has this cookie. */
    record InvalidObject() implements Result {}

    /** 3: the object belongs to another client. */
    record ForeignObject() implements Result {}

    /** @return the wire byte */
    default int code() {
      return switch (this) {
        case Ok ok -> 0;
        case DuplicateService d -> 1;
        case InvalidObject i -> 2;
        case ForeignObject f -> 3;
      };
    }
  }

  /** Rejects null. */
  public CreateServiceReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_SERVICE_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
    if (result instanceof Result.Ok ok) {
      out.uuid(ok.cookie());
    }
  }

  static CreateServiceReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        switch (Fields.tag(in, "result", 4)) {
          case 0 -> new Result.Ok(in.uuid("service cookie"));
          case 1 -> new Result.DuplicateService();
          case 2 -> new Result.InvalidObject();
          default -> new Result.ForeignObject();
        };
    return new CreateServiceReply(serial, result);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link CreateObject}. Wire, after the kind byte: serial (u32 varint), the
 * result byte, then for success the 16-byte object cookie.
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record CreateObjectReply(int serial, Result result) implements AldrinMessage {
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

    /** 1: an object with this UUID exists. */
    record DuplicateObject() implements Result {}
  }

  /** Rejects null. */
  public CreateObjectReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_OBJECT_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    switch (result) {
      case Result.Ok ok -> {
        out.u8(0);
        out.uuid(ok.cookie());
      }
      case Result.DuplicateObject d -> out.u8(1);
    }
  }

  static CreateObjectReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        Fields.tag(in, "result", 2) == 0
            ? new Result.Ok(in.uuid("object cookie"))
            : new Result.DuplicateObject();
    return new CreateObjectReply(serial, result);
  }
}

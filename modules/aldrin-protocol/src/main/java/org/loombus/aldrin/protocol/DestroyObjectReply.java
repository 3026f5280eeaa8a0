package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link DestroyObject}. Wire, after the kind byte: serial (u32 varint),
 * result (result byte).
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record DestroyObjectReply(int serial, Result result) implements AldrinMessage {
  /** The outcome; the wire byte is the constant's position, from 0. */
  public enum Result {
    /** 0: the object is destroyed. */
    OK,
    /** 1: no object has this cookie. */
    INVALID_OBJECT,
    /** 2: the object belongs to another client. */
    FOREIGN_OBJECT;

    /** @return the wire byte */
    public int code() {
      return ordinal();
    }
  }

  /** Rejects nulls. */
  public DestroyObjectReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.DESTROY_OBJECT_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
  }

  static DestroyObjectReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result = Fields.readEnum(in, "result", Result.values());
    return new DestroyObjectReply(serial, result);
  }
}

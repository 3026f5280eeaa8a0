package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link CloseChannelEnd}. Wire, after the kind byte: serial (u32 varint),
 * result (result byte).
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record CloseChannelEndReply(int serial, Result result) implements AldrinMessage {
  /** The outcome; the wire byte is the constant's position, from 0. */
  public enum Result {
    /** 0: the end is closed. */
    OK,
    /** 1: no such channel, or that end is already closed. */
    INVALID_CHANNEL,
    /** 2: another client holds that end. */
    FOREIGN_CHANNEL;

    /** @return the wire byte */
    public int code() {
      return ordinal();
    }
  }

  /** Rejects nulls. */
  public CloseChannelEndReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CLOSE_CHANNEL_END_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
  }

  static CloseChannelEndReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result = Fields.readEnum(in, "result", Result.values());
    return new CloseChannelEndReply(serial, result);
  }
}

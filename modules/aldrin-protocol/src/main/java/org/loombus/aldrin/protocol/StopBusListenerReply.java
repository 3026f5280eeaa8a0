package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link StopBusListener}. Wire, after the kind byte: serial (u32 varint),
 * result (result byte).
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record StopBusListenerReply(int serial, Result result) implements AldrinMessage {
  /** The outcome; the wire byte is the constant's position, from 0. */
  public enum Result {
    /** 0: stopped. */
    OK,
    /** 1: no such listener of this client. */
    INVALID_BUS_LISTENER,
    /** 2: the listener is not running. */
    NOT_STARTED;

    /** @return the wire byte */
    public int code() {
      return ordinal();
    }
  }

  /** Rejects nulls. */
  public StopBusListenerReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.STOP_BUS_LISTENER_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
  }

  static StopBusListenerReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result = Fields.readEnum(in, "result", Result.values());
    return new StopBusListenerReply(serial, result);
  }
}

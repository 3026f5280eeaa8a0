package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link SubscribeAllEvents}. Wire, after the kind byte: serial (u32
 * varint), result (result byte).
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record SubscribeAllEventsReply(int serial, Result result) implements AldrinMessage {
  /** The outcome; the wire byte is the constant's position, from 0. */
  public enum Result {
    /** 0: subscribed. */
    OK,
    /** 1: no service has this cookie. */
    INVALID_SERVICE,
    /** 2: the service (or its owner's version) does not allow all-events subscriptions. */
    NOT_SUPPORTED;

    /** @return the wire byte */
    public int code() {
      return ordinal();
    }
  }

  /** Rejects nulls. */
  public SubscribeAllEventsReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SUBSCRIBE_ALL_EVENTS_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
  }

  static SubscribeAllEventsReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result = Fields.readEnum(in, "result", Result.values());
    return new SubscribeAllEventsReply(serial, result);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Closes one end of a channel; answered with {@link CloseChannelEndReply}. Wire, after the kind
 * byte: serial (u32 varint), cookie (16-byte UUID), end (channel-end byte).
 *
 * @param serial the client's request serial
 * @param cookie the channel cookie
 * @param end the end to close
 */
public record CloseChannelEnd(int serial, UUID cookie, ChannelEnd end) implements AldrinMessage {
  /** Rejects nulls. */
  public CloseChannelEnd {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(end, "end");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CLOSE_CHANNEL_END;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
    out.u8(end.code());
  }

  static CloseChannelEnd read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    ChannelEnd end = Fields.readEnum(in, "end", ChannelEnd.values());
    return new CloseChannelEnd(serial, cookie, end);
  }
}

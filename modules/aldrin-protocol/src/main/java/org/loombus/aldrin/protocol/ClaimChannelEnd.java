package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Claims the unclaimed end of a channel; answered with {@link ClaimChannelEndReply}. Wire, after
 * the kind byte: serial (u32 varint), cookie (16-byte UUID), end (channel-end byte, then u32 varint
 * capacity for a receiver).
 *
 * @param serial the client's request serial
 * @param cookie the channel cookie
 * @param end the end to claim, with the capacity if it is the receiver
 */
public record ClaimChannelEnd(
    int serial,
    UUID cookie,
    ChannelEndWithCapacity end)
    implements AldrinMessage {
  /** Rejects nulls. */
  public ClaimChannelEnd {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(end, "end");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CLAIM_CHANNEL_END;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
    Fields.writeEndWithCapacity(out, end);
  }

  static ClaimChannelEnd read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    ChannelEndWithCapacity end = Fields.readEndWithCapacity(in, "end");
    return new ClaimChannelEnd(serial, cookie, end);
  }
}

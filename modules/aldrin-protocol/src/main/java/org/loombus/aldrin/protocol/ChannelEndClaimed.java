package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Tells the holder of one channel end that the other end was claimed. Wire, after the kind byte:
 * cookie (16-byte UUID), end (channel-end byte, then u32 varint capacity for a receiver).
 *
 * @param cookie the channel cookie
 * @param end the end that was claimed, with the receiver's capacity
 */
public record ChannelEndClaimed(UUID cookie, ChannelEndWithCapacity end) implements AldrinMessage {
  /** Rejects nulls. */
  public ChannelEndClaimed {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(end, "end");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CHANNEL_END_CLAIMED;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
    Fields.writeEndWithCapacity(out, end);
  }

  static ChannelEndClaimed read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    ChannelEndWithCapacity end = Fields.readEndWithCapacity(in, "end");
    return new ChannelEndClaimed(cookie, end);
  }
}

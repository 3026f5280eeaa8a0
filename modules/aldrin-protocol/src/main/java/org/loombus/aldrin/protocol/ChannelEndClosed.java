package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Tells the holder of one channel end that the other end was closed. Wire, after the kind byte:
 * cookie (16-byte UUID), end (channel-end byte).
 *
 * @param cookie the channel cookie
 * @param end the end that was closed
 */
public record ChannelEndClosed(UUID cookie, ChannelEnd end) implements AldrinMessage {
  /** Rejects nulls. */
  public ChannelEndClosed {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(end, "end");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CHANNEL_END_CLOSED;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
    out.u8(end.code());
  }

  static ChannelEndClosed read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    ChannelEnd end = Fields.readEnum(in, "end", ChannelEnd.values());
    return new ChannelEndClosed(cookie, end);
  }
}

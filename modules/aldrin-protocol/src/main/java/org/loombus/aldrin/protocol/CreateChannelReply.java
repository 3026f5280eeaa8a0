package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link CreateChannel}: the new channel's cookie. Wire, after the kind
 * byte: serial (u32 varint), cookie (16-byte UUID).
 *
 * @param serial the request's serial
 * @param cookie the channel cookie
 */
public record CreateChannelReply(int serial, UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public CreateChannelReply {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_CHANNEL_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
  }

  static CreateChannelReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    return new CreateChannelReply(serial, cookie);
  }
}

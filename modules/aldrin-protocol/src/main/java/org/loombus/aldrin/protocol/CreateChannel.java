package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Creates a channel and claims one of its ends; answered with {@link CreateChannelReply}. Wire,
 * after the kind byte: serial (u32 varint), end (channel-end byte, then u32 varint capacity for a
 * receiver).
 *
 * @param serial the client's request serial
 * @param end the end the creator keeps, with the capacity if it is the receiver
 */
public record CreateChannel(int serial, ChannelEndWithCapacity end) implements AldrinMessage {
  /** Rejects nulls. */
  public CreateChannel {
    Objects.requireNonNull(end, "end");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_CHANNEL;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    Fields.writeEndWithCapacity(out, end);
  }

  static CreateChannel read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    ChannelEndWithCapacity end = Fields.readEndWithCapacity(in, "end");
    return new CreateChannel(serial, end);
  }
}

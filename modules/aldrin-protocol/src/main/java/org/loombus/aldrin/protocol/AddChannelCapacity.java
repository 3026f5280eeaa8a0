package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The receiver grants more capacity; the broker passes capacity on to the sender. Wire, after the
 * kind byte: cookie (16-byte UUID), capacity (u32 varint).
 *
 * @param cookie the channel cookie
 * @param capacity items added (unsigned)
 */
public record AddChannelCapacity(UUID cookie, int capacity) implements AldrinMessage {
  /** Rejects nulls. */
  public AddChannelCapacity {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.ADD_CHANNEL_CAPACITY;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
    out.varU32(capacity);
  }

  static AddChannelCapacity read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    int capacity = in.varU32("capacity");
    return new AddChannelCapacity(cookie, capacity);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker delivers a channel item to the receiver. Wire, after the kind byte: the value slot,
 * cookie (16-byte UUID).
 *
 * @param cookie the channel cookie
 * @param value the item
 */
public record ItemReceived(UUID cookie, RawValue value) implements MessageWithValue {
  /** Rejects nulls. */
  public ItemReceived {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.ITEM_RECEIVED;
  }

  @Override
  public ItemReceived withValue(RawValue value) {
    return new ItemReceived(cookie, value);
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
  }

  static ItemReceived read(ByteSource in, RawValue value) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    return new ItemReceived(cookie, value);
  }
}

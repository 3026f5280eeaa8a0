package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The sender of a channel sends an item. Wire, after the kind byte: the value slot, cookie (16-byte
 * UUID).
 *
 * @param cookie the channel cookie
 * @param value the item
 */
public record SendItem(UUID cookie, RawValue value) implements MessageWithValue {
  /** Rejects nulls. */
  public SendItem {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SEND_ITEM;
  }

  @Override
  public SendItem withValue(RawValue value) {
    return new SendItem(cookie, value);
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
  }

  static SendItem read(ByteSource in, RawValue value) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    return new SendItem(cookie, value);
  }
}

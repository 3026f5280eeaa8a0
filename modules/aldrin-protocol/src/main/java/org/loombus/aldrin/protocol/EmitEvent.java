package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * An event, from the service owner to the broker and from the broker to every subscriber. Wire,
 * after the kind byte: the value slot, serviceCookie (16-byte UUID), event (u32 varint).
 *
 * @param serviceCookie the service's cookie
 * @param event the event id
 * @param value the event's value
 */
public record EmitEvent(UUID serviceCookie, int event, RawValue value) implements MessageWithValue {
  /** Rejects nulls. */
  public EmitEvent {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.EMIT_EVENT;
  }

  @Override
  public EmitEvent withValue(RawValue value) {
    return new EmitEvent(serviceCookie, event, value);
  }

  void writeFields(ByteSink out) {
    out.uuid(serviceCookie);
    out.varU32(event);
  }

  static EmitEvent read(ByteSource in, RawValue value) throws AldrinDecodeException {
    UUID serviceCookie = in.uuid("serviceCookie");
    int event = in.varU32("event");
    return new EmitEvent(serviceCookie, event, value);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A bus event for a client's bus listeners. Events about what existed when a listener started
 * name that listener's cookie; events about later changes name none and are sent once per client
 * however many of its listeners match. Wire, after the kind byte: cookie (option byte, then the
 * 16-byte cookie if some), the event byte, then the object or service id.
 *
 * @param cookie the one listener this event is for, or empty for every matching listener
 * @param event what happened
 */
public record EmitBusEvent(Optional<UUID> cookie, BusEvent event) implements AldrinMessage {
  /** Rejects nulls. */
  public EmitBusEvent {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(event, "event");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.EMIT_BUS_EVENT;
  }

  void writeFields(ByteSink out) {
    Fields.writeOptionalUuid(out, cookie);
    out.u8(event.code());
    switch (event) {
      case BusEvent.ObjectCreated e -> Fields.writeObjectId(out, e.object());
      case BusEvent.ObjectDestroyed e -> Fields.writeObjectId(out, e.object());
      case BusEvent.ServiceCreated e -> Fields.writeServiceId(out, e.service());
      case BusEvent.ServiceDestroyed e -> Fields.writeServiceId(out, e.service());
    }
  }

  static EmitBusEvent read(ByteSource in) throws AldrinDecodeException {
    Optional<UUID> cookie = Fields.readOptionalUuid(in, "cookie");
    BusEvent event =
        switch (Fields.tag(in, "bus event", 4)) {
          case 0 -> new BusEvent.ObjectCreated(Fields.readObjectId(in));
          case 1 -> new BusEvent.ObjectDestroyed(Fields.readObjectId(in));
          case 2 -> new BusEvent.ServiceCreated(Fields.readServiceId(in));
          default -> new BusEvent.ServiceDestroyed(Fields.readServiceId(in));
        };
    return new EmitBusEvent(cookie, event);
  }
}

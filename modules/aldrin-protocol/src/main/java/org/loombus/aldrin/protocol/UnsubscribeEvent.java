package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Ends an event subscription (no answer). The broker sends it to the service owner when the last
 * subscriber of the event is gone. Wire, after the kind byte: serviceCookie (16-byte UUID), event
 * (u32 varint).
 *
 * @param serviceCookie the service's cookie
 * @param event the event id
 */
public record UnsubscribeEvent(UUID serviceCookie, int event) implements AldrinMessage {
  /** Rejects nulls. */
  public UnsubscribeEvent {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.UNSUBSCRIBE_EVENT;
  }

  void writeFields(ByteSink out) {
    out.uuid(serviceCookie);
    out.varU32(event);
  }

  static UnsubscribeEvent read(ByteSource in) throws AldrinDecodeException {
    UUID serviceCookie = in.uuid("serviceCookie");
    int event = in.varU32("event");
    return new UnsubscribeEvent(serviceCookie, event);
  }
}

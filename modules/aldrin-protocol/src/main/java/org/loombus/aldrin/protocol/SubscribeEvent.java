package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * An event subscription. From a client it carries a serial and is answered with {@link
 * SubscribeEventReply}; the broker forwards it to the service owner without serial when the first
 * subscriber of that event appears. Wire, after the kind byte: serial (option byte (0 none, 1 some)
 * then u32 varint if some), serviceCookie (16-byte UUID), event (u32 varint).
 *
 * @param serial the request serial; empty only when the broker notifies the owner
 * @param serviceCookie the service's cookie
 * @param event the event id
 */
public record SubscribeEvent(
    OptionalInt serial,
    UUID serviceCookie,
    int event)
    implements AldrinMessage {
  /** Rejects nulls. */
  public SubscribeEvent {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SUBSCRIBE_EVENT;
  }

  void writeFields(ByteSink out) {
    Fields.writeOptionalU32(out, serial);
    out.uuid(serviceCookie);
    out.varU32(event);
  }

  static SubscribeEvent read(ByteSource in) throws AldrinDecodeException {
    OptionalInt serial = Fields.readOptionalU32(in, "serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    int event = in.varU32("event");
    return new SubscribeEvent(serial, serviceCookie, event);
  }
}

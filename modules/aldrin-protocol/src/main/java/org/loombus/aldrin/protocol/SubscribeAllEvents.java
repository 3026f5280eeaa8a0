package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Subscribes to every event of a service (since 1.18). From a client it carries a serial; the
 * broker forwards it to the owner without serial for the first such subscriber. Wire, after the
 * kind byte: serial (option byte (0 none, 1 some) then u32 varint if some), serviceCookie (16-byte
 * UUID).
 *
 * @param serial the request serial; empty only when the broker notifies the owner
 * @param serviceCookie the service's cookie
 */
public record SubscribeAllEvents(OptionalInt serial, UUID serviceCookie) implements AldrinMessage {
  /** Rejects nulls. */
  public SubscribeAllEvents {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SUBSCRIBE_ALL_EVENTS;
  }

  void writeFields(ByteSink out) {
    Fields.writeOptionalU32(out, serial);
    out.uuid(serviceCookie);
  }

  static SubscribeAllEvents read(ByteSource in) throws AldrinDecodeException {
    OptionalInt serial = Fields.readOptionalU32(in, "serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    return new SubscribeAllEvents(serial, serviceCookie);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Ends an all-events subscription (since 1.18); answered only if it carries a serial. The broker
 * forwards it to the owner without serial when the last such subscriber is gone. Wire, after the
 * kind byte: serial (option byte (0 none, 1 some) then u32 varint if some), serviceCookie (16-byte
 * UUID).
 *
 * @param serial the request serial, or empty for no answer
 * @param serviceCookie the service's cookie
 */
public record UnsubscribeAllEvents(
    OptionalInt serial,
    UUID serviceCookie)
    implements AldrinMessage {
  /** Rejects nulls. */
  public UnsubscribeAllEvents {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.UNSUBSCRIBE_ALL_EVENTS;
  }

  void writeFields(ByteSink out) {
    Fields.writeOptionalU32(out, serial);
    out.uuid(serviceCookie);
  }

  static UnsubscribeAllEvents read(ByteSource in) throws AldrinDecodeException {
    OptionalInt serial = Fields.readOptionalU32(in, "serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    return new UnsubscribeAllEvents(serial, serviceCookie);
  }
}

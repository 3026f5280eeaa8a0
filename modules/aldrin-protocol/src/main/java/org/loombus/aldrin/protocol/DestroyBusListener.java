package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Destroys a bus listener; answered with {@link DestroyBusListenerReply}. Wire, after the kind
 * byte: serial (u32 varint), cookie (16-byte UUID).
 *
 * @param serial the client's request serial
 * @param cookie the bus listener cookie
 */
public record DestroyBusListener(int serial, UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public DestroyBusListener {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.DESTROY_BUS_LISTENER;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
  }

  static DestroyBusListener read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    return new DestroyBusListener(serial, cookie);
  }
}

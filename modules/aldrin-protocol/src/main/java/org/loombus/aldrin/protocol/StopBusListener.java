package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Stops a bus listener; answered with {@link StopBusListenerReply}. Wire, after the kind byte:
 * serial (u32 varint), cookie (16-byte UUID).
 *
 * @param serial the client's request serial
 * @param cookie the bus listener cookie
 */
public record StopBusListener(int serial, UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public StopBusListener {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.STOP_BUS_LISTENER;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
  }

  static StopBusListener read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    return new StopBusListener(serial, cookie);
  }
}

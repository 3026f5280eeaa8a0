package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Starts a bus listener; answered with {@link StartBusListenerReply}. Wire, after the kind byte:
 * serial (u32 varint), cookie (16-byte UUID), scope (scope byte).
 *
 * @param serial the client's request serial
 * @param cookie the bus listener cookie
 * @param scope which events to report
 */
public record StartBusListener(
    int serial,
    UUID cookie,
    BusListenerScope scope)
    implements AldrinMessage {
  /** Rejects nulls. */
  public StartBusListener {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(scope, "scope");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.START_BUS_LISTENER;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
    out.u8(scope.code());
  }

  static StartBusListener read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    BusListenerScope scope = Fields.readEnum(in, "scope", BusListenerScope.values());
    return new StartBusListener(serial, cookie, scope);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Removes every filter of a bus listener (no answer). Wire, after the kind byte: cookie (16-byte
 * UUID).
 *
 * @param cookie the bus listener cookie
 */
public record ClearBusListenerFilters(UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public ClearBusListenerFilters {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CLEAR_BUS_LISTENER_FILTERS;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
  }

  static ClearBusListenerFilters read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    return new ClearBusListenerFilters(cookie);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Removes a filter from a bus listener (no answer). Wire, after the kind byte: cookie (16-byte
 * UUID), filter (filter byte and its UUIDs).
 *
 * @param cookie the bus listener cookie
 * @param filter the filter
 */
public record RemoveBusListenerFilter(
    UUID cookie,
    BusListenerFilter filter)
    implements AldrinMessage {
  /** Rejects nulls. */
  public RemoveBusListenerFilter {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(filter, "filter");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.REMOVE_BUS_LISTENER_FILTER;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
    Fields.writeFilter(out, filter);
  }

  static RemoveBusListenerFilter read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    BusListenerFilter filter = Fields.readFilter(in, "filter");
    return new RemoveBusListenerFilter(cookie, filter);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Adds a filter to a bus listener (no answer). Wire, after the kind byte: cookie (16-byte UUID),
 * filter (filter byte and its UUIDs).
 *
 * @param cookie the bus listener cookie
 * @param filter the filter
 */
public record AddBusListenerFilter(UUID cookie, BusListenerFilter filter) implements AldrinMessage {
  /** Rejects nulls. */
  public AddBusListenerFilter {
    Objects.requireNonNull(cookie, "cookie");
    Objects.requireNonNull(filter, "filter");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.ADD_BUS_LISTENER_FILTER;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
    Fields.writeFilter(out, filter);
  }

  static AddBusListenerFilter read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    BusListenerFilter filter = Fields.readFilter(in, "filter");
    return new AddBusListenerFilter(cookie, filter);
  }
}

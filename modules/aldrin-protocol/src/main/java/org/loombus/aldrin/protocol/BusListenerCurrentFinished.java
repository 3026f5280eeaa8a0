package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Sent after the events about everything that existed when a bus listener started (scopes current
 * and all). Wire, after the kind byte: cookie (16-byte UUID).
 *
 * @param cookie the bus listener cookie
 */
public record BusListenerCurrentFinished(UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public BusListenerCurrentFinished {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.BUS_LISTENER_CURRENT_FINISHED;
  }

  void writeFields(ByteSink out) {
    out.uuid(cookie);
  }

  static BusListenerCurrentFinished read(ByteSource in) throws AldrinDecodeException {
    UUID cookie = in.uuid("cookie");
    return new BusListenerCurrentFinished(cookie);
  }
}

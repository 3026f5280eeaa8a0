package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Tells a subscriber (of events or, since 1.18, of the service itself) that a service is gone.
 * Wire, after the kind byte: serviceCookie (16-byte UUID).
 *
 * @param serviceCookie the service's cookie
 */
public record ServiceDestroyed(UUID serviceCookie) implements AldrinMessage {
  /** Rejects nulls. */
  public ServiceDestroyed {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SERVICE_DESTROYED;
  }

  void writeFields(ByteSink out) {
    out.uuid(serviceCookie);
  }

  static ServiceDestroyed read(ByteSource in) throws AldrinDecodeException {
    UUID serviceCookie = in.uuid("serviceCookie");
    return new ServiceDestroyed(serviceCookie);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Ends a service subscription (since 1.18, no answer). Wire, after the kind byte: serviceCookie
 * (16-byte UUID).
 *
 * @param serviceCookie the service's cookie
 */
public record UnsubscribeService(UUID serviceCookie) implements AldrinMessage {
  /** Rejects nulls. */
  public UnsubscribeService {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.UNSUBSCRIBE_SERVICE;
  }

  void writeFields(ByteSink out) {
    out.uuid(serviceCookie);
  }

  static UnsubscribeService read(ByteSource in) throws AldrinDecodeException {
    UUID serviceCookie = in.uuid("serviceCookie");
    return new UnsubscribeService(serviceCookie);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Asks to be told with {@link ServiceDestroyed} when a service goes (since 1.18). Wire, after the
 * kind byte: serial (u32 varint), serviceCookie (16-byte UUID).
 *
 * @param serial the client's request serial
 * @param serviceCookie the service's cookie
 */
public record SubscribeService(int serial, UUID serviceCookie) implements AldrinMessage {
  /** Rejects nulls. */
  public SubscribeService {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.SUBSCRIBE_SERVICE;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(serviceCookie);
  }

  static SubscribeService read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    return new SubscribeService(serial, serviceCookie);
  }
}

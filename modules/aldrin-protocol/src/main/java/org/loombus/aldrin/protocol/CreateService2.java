package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Creates a service described by a ServiceInfo struct (since 1.17); answered with {@link
 * CreateServiceReply}. Wire, after the kind byte: the value slot, serial (u32 varint), objectCookie
 * (16-byte UUID), uuid (16-byte UUID).
 *
 * @param serial the client's request serial
 * @param objectCookie the cookie of the object to attach the service to
 * @param uuid the service UUID
 * @param value the service info (see {@link ServiceInfo})
 */
public record CreateService2(
    int serial,
    UUID objectCookie,
    UUID uuid,
    RawValue value)
    implements MessageWithValue {
  /** Rejects nulls. */
  public CreateService2 {
    Objects.requireNonNull(objectCookie, "objectCookie");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_SERVICE2;
  }

  @Override
  public CreateService2 withValue(RawValue value) {
    return new CreateService2(serial, objectCookie, uuid, value);
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(objectCookie);
    out.uuid(uuid);
  }

  static CreateService2 read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID objectCookie = in.uuid("objectCookie");
    UUID uuid = in.uuid("uuid");
    return new CreateService2(serial, objectCookie, uuid, value);
  }
}

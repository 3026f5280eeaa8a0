package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A client creates a service on one of its objects (the pre-1.17 form, with just a version number).
 * The broker answers with {@link CreateServiceReply}. Wire, after the kind byte: serial (u32
 * varint), objectCookie (16-byte UUID), uuid (16-byte UUID), version (u32 varint).
 *
 * @param serial the client's request serial
 * @param objectCookie the cookie of the object to attach the service to
 * @param uuid the service UUID
 * @param version the service version
 */
public record CreateService(
    int serial,
    UUID objectCookie,
    UUID uuid,
    int version)
    implements AldrinMessage {
  /** Rejects nulls. */
  public CreateService {
    Objects.requireNonNull(objectCookie, "objectCookie");
    Objects.requireNonNull(uuid, "uuid");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_SERVICE;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(objectCookie);
    out.uuid(uuid);
    out.varU32(version);
  }

  static CreateService read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID objectCookie = in.uuid("objectCookie");
    UUID uuid = in.uuid("uuid");
    int version = in.varU32("version");
    return new CreateService(serial, objectCookie, uuid, version);
  }
}

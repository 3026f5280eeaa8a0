package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A client creates an object under a UUID of its choice. Wire, after the kind byte: serial (u32
 * varint), uuid (16-byte UUID).
 *
 * @param serial the client's request serial, echoed in the reply
 * @param uuid the object UUID
 */
public record CreateObject(int serial, UUID uuid) implements AldrinMessage {
  /** Rejects nulls. */
  public CreateObject {
    Objects.requireNonNull(uuid, "uuid");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_OBJECT;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(uuid);
  }

  static CreateObject read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID uuid = in.uuid("uuid");
    return new CreateObject(serial, uuid);
  }
}

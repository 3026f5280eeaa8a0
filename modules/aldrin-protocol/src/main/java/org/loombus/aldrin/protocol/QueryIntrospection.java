package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Asks for the introspection of a type id (since 1.17); the broker may forward it, with its own
 * serial, to a client that registered the type. Wire, after the kind byte: serial (u32 varint),
 * typeId (16-byte UUID).
 *
 * @param serial the request serial
 * @param typeId the type id
 */
public record QueryIntrospection(int serial, UUID typeId) implements AldrinMessage {
  /** Rejects nulls. */
  public QueryIntrospection {
    Objects.requireNonNull(typeId, "typeId");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.QUERY_INTROSPECTION;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(typeId);
  }

  static QueryIntrospection read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID typeId = in.uuid("typeId");
    return new QueryIntrospection(serial, typeId);
  }
}

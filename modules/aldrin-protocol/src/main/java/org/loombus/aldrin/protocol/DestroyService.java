package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A client destroys one of its services. Wire, after the kind byte: serial (u32 varint), cookie
 * (16-byte UUID).
 *
 * @param serial the client's request serial
 * @param cookie the service cookie
 */
public record DestroyService(int serial, UUID cookie) implements AldrinMessage {
  /** Rejects nulls. */
  public DestroyService {
    Objects.requireNonNull(cookie, "cookie");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.DESTROY_SERVICE;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(cookie);
  }

  static DestroyService read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID cookie = in.uuid("cookie");
    return new DestroyService(serial, cookie);
  }
}

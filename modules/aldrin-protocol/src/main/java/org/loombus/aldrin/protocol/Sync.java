package org.loombus.aldrin.protocol;

import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Asks the broker to answer once everything the client sent before has been processed. Wire, after
 * the kind byte: serial (u32 varint).
 *
 * @param serial the client's request serial
 */
public record Sync(int serial) implements AldrinMessage {
  @Override
  public MessageKind kind() {
    return MessageKind.SYNC;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
  }

  static Sync read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    return new Sync(serial);
  }
}

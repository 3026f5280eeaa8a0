package org.loombus.aldrin.protocol;

import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Creates a bus listener; answered with {@link CreateBusListenerReply}. Wire, after the kind byte:
 * serial (u32 varint).
 *
 * @param serial the client's request serial
 */
public record CreateBusListener(int serial) implements AldrinMessage {
  @Override
  public MessageKind kind() {
    return MessageKind.CREATE_BUS_LISTENER;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
  }

  static CreateBusListener read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    return new CreateBusListener(serial);
  }
}

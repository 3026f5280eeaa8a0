package org.loombus.aldrin.protocol;

import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The caller gives up a pending call (since 1.16); the broker answers the caller with an aborted
 * reply and, for owners of 1.16 or newer, forwards this with the owner's serial. Wire, after the
 * kind byte: serial (u32 varint).
 *
 * @param serial the call serial, as the receiver knows it
 */
public record AbortFunctionCall(int serial) implements AldrinMessage {
  @Override
  public MessageKind kind() {
    return MessageKind.ABORT_FUNCTION_CALL;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
  }

  static AbortFunctionCall read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    return new AbortFunctionCall(serial);
  }
}

package org.loombus.aldrin.protocol;

import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link Sync}. Wire, after the kind byte: serial (u32 varint).
 *
 * @param serial the request's serial
 */
public record SyncReply(int serial) implements AldrinMessage {
  @Override
  public MessageKind kind() {
    return MessageKind.SYNC_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
  }

  static SyncReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    return new SyncReply(serial);
  }
}

package org.loombus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.loombus.protocol.wire.Ops;

/**
 * Counts delivered frames in a broker-to-client stream (docs/protocol.md §2.5). Every data frame
 * must have the expected kind and body length, or the broker (or the bench) is broken; six-byte
 * keep-alive frames are passed over.
 */
final class DeliveryCounter implements FrameCounter {
  private final int kind;
  private final int bodyLength;
  /** Body bytes of the current frame not yet passed over. */
  private int skip;

  /**
   * @param kind the delivery kind, e.g. {@link Ops#MESSAGE}
   * @param bodyLength sender name, its {@code 00} and the payload
   */
  DeliveryCounter(int kind, int bodyLength) {
    this.kind = kind;
    this.bodyLength = bodyLength;
  }

  @Override
  public int count(ByteBuffer b) throws IOException {
    int frames = 0;
    while (true) {
      if (skip > 0) {
        int n = Math.min(skip, b.remaining());
        b.position(b.position() + n);
        skip -= n;
        if (skip > 0) {
          return frames;
        }
        frames++;
      }
      if (b.remaining() < Ops.BROKER_HEADER_SIZE) {
        return frames;
      }
      int k = b.get() & 0xFF;
      int len = b.getInt();
      b.get();
      if (k == Ops.KIND_NOP && len == 0) {
        continue;
      }
      if (k != kind || len != bodyLength) {
        throw new IOException(String.format(
            "unexpected frame: kind %02x, length %d (expected kind %02x, length %d)",
            k, len, kind, bodyLength));
      }
      skip = len;
    }
  }
}

package org.loombus.bench;

import java.nio.ByteBuffer;

/** Counts fixed-size records in a plain byte stream. */
final class RecordCounter implements FrameCounter {
  private final int size;
  /** Bytes of a record begun in an earlier chunk. */
  private int partial;

  /** @param size bytes per record */
  RecordCounter(int size) {
    this.size = size;
  }

  @Override
  public int count(ByteBuffer b) {
    int total = partial + b.remaining();
    b.position(b.limit());
    partial = total % size;
    return total / size;
  }
}

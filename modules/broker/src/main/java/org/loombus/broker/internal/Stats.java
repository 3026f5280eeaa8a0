package org.loombus.broker.internal;

import java.util.concurrent.atomic.LongAdder;

/** Broker-wide counters; adders because every reader thread updates them on every frame. */
final class Stats {
  final long createdNanos = System.nanoTime();
  private final LongAdder rFrames = new LongAdder();
  private final LongAdder rBytes = new LongAdder();
  private final LongAdder wFrames = new LongAdder();
  private final LongAdder wBytes = new LongAdder();
  final LongAdder droppedFrames = new LongAdder();
  final LongAdder forcedDisconnects = new LongAdder();
  final LongAdder rejectedHandshakes = new LongAdder();

  void read(long bytes) {
    rFrames.increment();
    rBytes.add(bytes);
  }

  void written(long bytes) {
    wFrames.increment();
    wBytes.add(bytes);
  }

  void dropped() {
    droppedFrames.increment();
  }

  long rFrames() {
    return rFrames.sum();
  }

  long rBytes() {
    return rBytes.sum();
  }

  long wFrames() {
    return wFrames.sum();
  }

  long wBytes() {
    return wBytes.sum();
  }
}

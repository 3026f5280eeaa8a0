package org.loombus.broker.internal.route;

import java.util.concurrent.atomic.LongAdder;

/** Broker-wide counters; adders because every reader thread updates them on every frame. */
public final class Stats {
  public final long createdNanos = System.nanoTime();
  private final LongAdder rFrames = new LongAdder();
  private final LongAdder rBytes = new LongAdder();
  private final LongAdder wFrames = new LongAdder();
  private final LongAdder wBytes = new LongAdder();
  public final LongAdder droppedFrames = new LongAdder();
  public final LongAdder forcedDisconnects = new LongAdder();
  public final LongAdder rejectedHandshakes = new LongAdder();
  /** Deliveries refused because the broker's memory budget was spent. */
  public final LongAdder memoryRefusals = new LongAdder();

  public void read(long bytes) {
    rFrames.increment();
    rBytes.add(bytes);
  }

  public void written(long bytes) {
    wFrames.increment();
    wBytes.add(bytes);
  }

  public void dropped() {
    droppedFrames.increment();
  }

  public long rFrames() {
    return rFrames.sum();
  }

  public long rBytes() {
    return rBytes.sum();
  }

  public long wFrames() {
    return wFrames.sum();
  }

  public long wBytes() {
    return wBytes.sum();
  }
}

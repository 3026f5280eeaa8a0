package org.loombus.federation.internal;

import java.util.concurrent.atomic.LongAdder;

/** The federation's counters; adders because every reader and the inbound thread count. */
public final class Counters {
  public final LongAdder framesOut = new LongAdder();
  public final LongAdder framesIn = new LongAdder();
  public final LongAdder remoteDeliveries = new LongAdder();
  public final LongAdder errors = new LongAdder();
  public final LongAdder reconnects = new LongAdder();
}

package org.loombus.broker.internal.route;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Read and write counters of §5.3, as plain fields updated atomically (no object per counter). */
public final class Counters {
  private static final VarHandle R_FRAMES;
  private static final VarHandle R_BYTES;
  private static final VarHandle W_FRAMES;
  private static final VarHandle W_BYTES;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      R_FRAMES = l.findVarHandle(Counters.class, "rFrames", long.class);
      R_BYTES = l.findVarHandle(Counters.class, "rBytes", long.class);
      W_FRAMES = l.findVarHandle(Counters.class, "wFrames", long.class);
      W_BYTES = l.findVarHandle(Counters.class, "wBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long rFrames;
  private volatile long rBytes;
  private volatile long wFrames;
  private volatile long wBytes;

  public void read(long bytes) {
    R_FRAMES.getAndAdd(this, 1L);
    R_BYTES.getAndAdd(this, bytes);
  }

  public void written(long bytes) {
    W_FRAMES.getAndAdd(this, 1L);
    W_BYTES.getAndAdd(this, bytes);
  }

  public long rFrames() {
    return rFrames;
  }

  public long rBytes() {
    return rBytes;
  }

  public long wFrames() {
    return wFrames;
  }

  public long wBytes() {
    return wBytes;
  }
}

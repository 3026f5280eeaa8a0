package org.loombus.broker.internal.log;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One log line per event of a kind, but at most {@link #LINES} a second: a flood of failing
 * connections must not become a flood of log lines. What is held back is counted and told in
 * one line with the next event after its second has passed (the broker's counters count every
 * event regardless).
 */
public final class ThrottledLog {
  /** Lines of one kind logged per second. */
  static final int LINES = 20;
  private static final long SECOND = 1_000_000_000L;

  private final Logger log;
  private final String kind;
  private final ReentrantLock lock = new ReentrantLock();
  private long windowStart = System.nanoTime();
  private int logged;
  private long held;

  /**
   * @param log where the lines go
   * @param kind what the lines are about, plural, for the line that counts the held ones
   */
  public ThrottledLog(Logger log, String kind) {
    this.log = log;
    this.kind = kind;
  }

  /**
   * @param level the line's level
   * @param format its {@link java.text.MessageFormat} pattern
   * @param args its arguments
   */
  public void log(Level level, String format, Object... args) {
    long heldBefore = 0;
    boolean now;
    lock.lock();
    try {
      long t = System.nanoTime();
      if (t - windowStart >= SECOND) {
        heldBefore = held;
        held = 0;
        logged = 0;
        windowStart = t;
      }
      now = logged < LINES;
      if (now) {
        logged++;
      } else {
        held++;
      }
    } finally {
      lock.unlock();
    }
    if (heldBefore > 0) {
      log.log(level, "{0} more {1} in the last second were not logged", heldBefore, kind);
    }
    if (now) {
      log.log(level, format, args);
    }
  }
}

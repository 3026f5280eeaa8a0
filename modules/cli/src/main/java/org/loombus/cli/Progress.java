package org.loombus.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live progress of one benchmark stage on stderr: a redrawn bar when stderr is a terminal,
 * otherwise one line when the stage ends.
 */
final class Progress implements AutoCloseable {
  private static final int WIDTH = 40;
  private final String stage;
  private final long total;
  private final PrintStream err;
  private final boolean live;
  private final LongAdder done = new LongAdder();
  private final Thread painter;

  Progress(String stage, long total, PrintStream err, boolean live) {
    this.stage = stage;
    this.total = total;
    this.err = err;
    this.live = live;
    this.painter = live ? Thread.ofVirtual().start(this::paintUntilInterrupted) : null;
  }

  void add(long n) {
    done.add(n);
  }

  /** @return operations counted so far */
  long count() {
    return done.sum();
  }

  private void paintUntilInterrupted() {
    try {
      while (true) {
        paint();
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      // stage over
    }
  }

  private void paint() {
    long d = Math.min(done.sum(), total);
    int filled = (int) (WIDTH * d / Math.max(1, total));
    err.printf(Locale.ROOT, "\r%-24s [%s%s] %3d%%", stage, "#".repeat(filled),
        " ".repeat(WIDTH - filled), 100 * d / Math.max(1, total));
    err.flush();
  }

  /** Ends the bar (or prints the stage's one line). */
  void finish(double secs) {
    if (live) {
      painter.interrupt();
      try {
        painter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      paint();
      err.println();
    } else {
      err.printf(Locale.ROOT, "%-24s done in %.3f s%n", stage, secs);
    }
  }

  @Override
  public void close() {
    if (painter != null) {
      painter.interrupt();
    }
  }
}

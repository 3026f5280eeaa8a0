package org.loombus.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.loombus.protocol.BusException;
import org.loombus.rpc.RpcException;

/**
 * One benchmark stage from start to end: its parts (operation chains, sending threads, receive
 * counters) each report {@link #finished()} once; the stage lasts until all have. A stage in which
 * no operation completes for the timeout fails, as a timed-out operation fails the reference's.
 */
final class StageRun {
  /** A sending loop that needs a thread of its own (fire-and-forget stages). */
  @FunctionalInterface
  interface Loop {
    void run() throws Exception;
  }

  private final String name;
  private final Progress progress;
  private final Duration timeout;
  private final CountDownLatch parts;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();
  private final long start = System.nanoTime();

  /**
   * @param name the stage
   * @param parts how many parts will report {@link #finished()}
   * @param progress counts completed operations
   * @param timeout longest time without progress
   */
  StageRun(String name, int parts, Progress progress, Duration timeout) {
    this.name = name;
    this.parts = new CountDownLatch(parts);
    this.progress = progress;
    this.timeout = timeout;
  }

  /** @param loop a part run on a platform thread of its own; it finishes when the loop returns */
  void thread(Loop loop) {
    threads.add(Thread.ofPlatform().name("loombus-bench-" + name).start(() -> {
      try {
        loop.run();
        finished();
      } catch (Exception | Error e) {
        fail(e);
      }
    }));
  }

  void progress() {
    progress.add(1);
  }

  void finished() {
    parts.countDown();
  }

  boolean failed() {
    return failure.get() != null;
  }

  /** Fails the stage; the first failure is the one reported. */
  void fail(Throwable e) {
    if (failure.compareAndSet(null, e)) {
      while (parts.getCount() > 0) {
        parts.countDown();
      }
    }
  }

  /**
   * Waits for every part; fails the stage when no operation completes for the timeout.
   *
   * @return the stage's duration in seconds
   * @throws CliException if a part failed or stalled
   * @throws InterruptedException if interrupted
   */
  double await() throws CliException, InterruptedException {
    long seen = -1;
    while (!parts.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      long now = progress.count();
      if (now == seen) {
        fail(new IllegalStateException("no operation completed within " + timeout));
      }
      seen = now;
    }
    double secs = (System.nanoTime() - start) / 1e9;
    for (Thread t : threads) {
      t.join();
    }
    Throwable e = failure.get();
    if (e != null) {
      throw CliException.failed(name + " failed: " + (e instanceof BusException
          || e instanceof RpcException || e instanceof IllegalStateException
          ? e.getMessage() : e.toString()));
    }
    return secs;
  }
}

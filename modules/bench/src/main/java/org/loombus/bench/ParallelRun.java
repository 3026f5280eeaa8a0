package org.loombus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one task per platform thread, releases them all at once and times them until the last one
 * ends. A failure, or the time limit, interrupts every task (which closes the channel it is
 * blocked on), so no run can hang; the first failure is rethrown.
 */
final class ParallelRun {
  /** One thread's work; each is bounded by its own iteration count. */
  interface Task {
    void run() throws Exception;
  }

  private static final long POLL_MILLIS = 10;

  private ParallelRun() {}

  /**
   * @param tasks the tasks
   * @param limit how long the run may take
   * @return nanoseconds from the common start to the end of the last task
   * @throws Exception the first task failure, or a {@link TimeoutException}
   */
  static long nanos(List<Task> tasks, Duration limit) throws Exception {
    int n = tasks.size();
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong lastEnd = new AtomicLong();
    List<Thread> threads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Task task = tasks.get(i);
      threads.add(Thread.ofPlatform().name("bench-" + i).start(() -> {
        try {
          ready.countDown();
          go.await();
          task.run();
          lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }));
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    boolean timedOut = false;
    while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      timedOut = System.nanoTime() - start > limit.toNanos();
      if (timedOut || failure.get() != null) {
        threads.forEach(Thread::interrupt);
        break;
      }
    }
    for (Thread t : threads) {
      t.join();
    }
    if (timedOut) {
      throw new TimeoutException("run did not finish within " + limit.toSeconds() + " s");
    }
    Throwable first = failure.get();
    if (first instanceof Exception e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
    return lastEnd.get() - start;
  }
}

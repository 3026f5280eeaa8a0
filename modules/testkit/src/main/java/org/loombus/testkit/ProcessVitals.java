package org.loombus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The resources a running JVM process holds, for tests that must show a broker gives back what a
 * load took: operating-system threads and file descriptors (Linux {@code /proc}), resident memory,
 * and the Java heap in use after a full collection ({@code jcmd}). The first heap reading attaches
 * {@code jcmd}, which starts one thread and opens one socket in the process for good, so a
 * baseline is taken after that ({@link #sample()} reads the heap first).
 */
public final class ProcessVitals {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final Pattern CARRIER = Pattern.compile("\"ForkJoinPool-\\d+-worker-");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private final long pid;

  /**
   * One reading.
   *
   * @param threads operating-system threads of the process (carriers of virtual threads among
   *     them; virtual threads themselves have none)
   * @param descriptors open file descriptors (sockets included)
   * @param residentKiB resident memory
   * @param heapKiB Java heap in use right after a full collection
   */
  public record Sample(int threads, int descriptors, long residentKiB, long heapKiB) {
    /**
     * @param baseline an earlier reading
     * @param heapSlackKiB how much more heap still counts as the baseline (what a collection
     *     leaves behind varies a little)
     * @return whether threads and descriptors are at most the baseline's and the heap within the
     *     slack of it
     */
    public boolean within(Sample baseline, long heapSlackKiB) {
      return threads <= baseline.threads && descriptors <= baseline.descriptors
          && heapKiB <= baseline.heapKiB + heapSlackKiB;
    }
  }

  private ProcessVitals(long pid) {
    this.pid = pid;
  }

  /**
   * @param process a running JVM of the same user, started with the JDK running this code
   * @return its vitals
   */
  public static ProcessVitals of(Process process) {
    return new ProcessVitals(process.pid());
  }

  /** @return a reading: heap first (a full collection), then threads, descriptors, memory */
  public Sample sample() {
    long heap = heapAfterGcKiB();
    return new Sample(count("task"), count("fd"), residentKiB(), heap);
  }

  /**
   * Samples until the process is back within a baseline, for a load's aftermath: sockets close
   * and idle carrier threads retire a while after the load ends.
   *
   * @param baseline the reading before the load
   * @param heapSlackKiB see {@link Sample#within}
   * @param bound how long to keep sampling; generous, it is not a performance limit
   * @return the first reading within the baseline
   * @throws AssertionError with the baseline and the last reading if it is not reached
   */
  public Sample awaitWithin(Sample baseline, long heapSlackKiB, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      Sample now = sample();
      if (now.within(baseline, heapSlackKiB)) {
        return now;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not back to the baseline " + baseline + " (heap slack "
            + heapSlackKiB + " KiB) after " + bound.toSeconds() + " s: " + now);
      }
      pause(Duration.ofMillis(500));
    }
  }

  /** @return resident memory now, from {@code /proc/<pid>/status} */
  public long residentKiB() {
    try {
      Matcher m = RSS.matcher(Files.readString(proc("status")));
      if (!m.find()) {
        throw new IllegalStateException("no VmRSS for process " + pid);
      }
      return Long.parseLong(m.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return the carrier threads of the process's virtual threads now: the workers of a
   *     {@code ForkJoinPool-N} in a thread dump ({@code jcmd}), not its delay scheduler nor the
   *     common pool's workers
   */
  public int carrierThreads() {
    return (int) jcmd("Thread.print").lines().filter(l -> CARRIER.matcher(l).lookingAt()).count();
  }

  private int count(String dir) {
    try (Stream<Path> entries = Files.list(proc(dir))) {
      return (int) entries.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path proc(String entry) {
    return Path.of("/proc", Long.toString(pid), entry);
  }

  /** Runs a full collection in the process, then reads the heap in use. */
  private long heapAfterGcKiB() {
    jcmd("GC.run");
    Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IllegalStateException("no heap figure from jcmd " + pid);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

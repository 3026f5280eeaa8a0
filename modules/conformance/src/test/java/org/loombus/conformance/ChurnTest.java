package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.ProcessVitals;
import org.loombus.testkit.RawClient;

/**
 * Connect/disconnect churn against a {@code loombusd} process: cycles of a client that registers,
 * sends itself a QoS-1 message and closes; one that registers and closes at once; and one that
 * closes before its handshake, from four threads at once. Every cycle must behave exactly, and
 * afterwards the daemon's threads, descriptors and heap after a full collection must be back at
 * the baseline. 2,000 cycles by default; {@code -Dloombus.churn.cycles=100000} in the soak
 * profile.
 */
class ChurnTest {
  private static final int CYCLES = Integer.getInteger("loombus.churn.cycles", 2_000);
  private static final int WORKERS = 4;
  private static final long HEAP_SLACK_KIB = 2048;

  @Test
  @DisplayName("Connect/disconnect cycles leave the daemon's threads, descriptors and heap at baseline")
  void churnLeavesNothingBehind() throws Exception {
    Path dir = Files.createTempDirectory("loombusd-churn");
    Path socket = dir.resolve("bus.sock");
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
    try (DaemonProcess daemon = DaemonProcess.start(socket, List.of("-Xms32m", "-Xmx512m"),
        "-B", socket.toString())) {
      ProcessVitals vitals = ProcessVitals.of(daemon.process());
      cycles(address, "warm", 200);
      ProcessVitals.Sample before = vitals.sample();
      long start = System.nanoTime();
      cycles(address, "churn", CYCLES);
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcessVitals.Sample after =
          vitals.awaitWithin(before, HEAP_SLACK_KIB, Duration.ofSeconds(120));
      System.out.printf(Locale.ROOT, "churn: %,d cycles in %.1f s (%,.0f/s); before %s, after %s%n",
          CYCLES, seconds, CYCLES / seconds, before, after);
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }

  /** Runs {@code n} cycles spread over the workers; fails with the first cycle that went wrong. */
  private static void cycles(UnixDomainSocketAddress address, String prefix, int n)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      workers.add(Thread.ofPlatform().name("churn-" + w).start(() -> {
        try {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            cycle(address, prefix + "." + i, i % 3);
          }
        } catch (Throwable t) {
          failures.add(t);
          next.set(n);
        }
      }));
    }
    for (Thread t : workers) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " worker(s) failed, first with " + failures.peek(),
          failures.peek());
    }
    assertEquals(n + WORKERS, next.get(), "cycles handed out");
  }

  private static void cycle(UnixDomainSocketAddress address, String name, int kind) {
    switch (kind) {
      case 0 -> {
        try (RawClient c = RawClient.register(address, name)) {
          Checks.assertSelfMessage(c, name, 1);
        }
      }
      case 1 -> RawClient.register(address, name).close();
      default -> RawClient.connect(address).close();
    }
  }
}

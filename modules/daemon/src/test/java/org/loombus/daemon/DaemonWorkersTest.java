package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.testkit.DaemonRuns.EXIT_WAIT;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;
import static org.loombus.testkit.Peer.message;

import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.Peer;
import org.loombus.testkit.ProcessVitals;

/**
 * busrtd's {@code -w} (runtime worker threads) sets how many carrier threads run loombusd's
 * virtual threads. Seen from outside: the workers of the scheduler's pool in the daemon's thread
 * dump while eight clients keep it busy.
 *
 * <p>The JDK adds a carrier for a while when a virtual thread blocks in file I/O, e.g. writing a
 * log line. So these daemons are not probed by a connection that fails its handshake (which is
 * logged); they are waited for by their "listening" line, and nothing else is logged meanwhile.
 */
class DaemonWorkersTest {
  private static final int CLIENTS = 8;

  @TempDir
  Path dir;

  @Test
  @DisplayName("-w 3: the clients run on exactly three carrier threads")
  void threeWorkers() throws InterruptedException {
    assertEquals(3, mostCarriers(100_000, n -> n >= 3, "-w", "3"));
  }

  @Test
  @DisplayName("-w 1: eight busy clients run on one carrier thread")
  void oneWorker() throws InterruptedException {
    assertEquals(1, mostCarriers(5_000, n -> n > 1, "-w", "1"));
  }

  @Test
  @DisplayName("-w that is not a whole number from 1 to 256: one line naming -w, exit 2")
  void invalidWorkers() {
    Path socket = dir.resolve("bus.sock");
    assertFailsNaming(2, "-w", "-B", socket.toString(), "-w", "0");
    assertFailsNaming(2, "-w", "-B", socket.toString(), "-w", "257");
    assertFailsNaming(2, "-w", "-B", socket.toString(), "-w", "four");
  }

  @Test
  @DisplayName("A JVM option for the carrier count that is not a number: one line naming it, exit 1")
  void invalidParallelismOption() {
    Path socket = dir.resolve("bus.sock");
    try (DaemonProcess d = DaemonProcess.start(null,
        List.of("-Djdk.virtualThreadScheduler.parallelism=many"), "-B", socket.toString())) {
      assertEquals(1, d.awaitExit(EXIT_WAIT), d.output());
      assertEquals("loombusd: -Djdk.virtualThreadScheduler.parallelism: 'many' is not a positive"
          + " whole number", d.output().strip());
    }
  }

  /**
   * Runs {@link #CLIENTS} clients that each exchange up to {@code roundTrips} QoS-1 messages with
   * themselves, sampling the daemon's carrier count meanwhile.
   *
   * @param enough stops the load early once the most carriers seen satisfy it
   * @return the most carriers seen
   */
  private int mostCarriers(int roundTrips, IntPredicate enough, String... flags)
      throws InterruptedException {
    Path socket = dir.resolve("bus.sock");
    List<String> args = new ArrayList<>(List.of("-B", socket.toString()));
    args.addAll(List.of(flags));
    try (DaemonProcess d = DaemonProcess.start(null, args.toArray(String[]::new))) {
      d.awaitOutput("listening on", EXIT_WAIT);
      ProcessVitals vitals = ProcessVitals.of(d.process());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> load = new ArrayList<>();
      List<Peer> peers = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Peer p = Peer.register(UnixDomainSocketAddress.of(socket), "worker" + c);
        peers.add(p);
        load.add(Thread.ofPlatform().uncaughtExceptionHandler((t, e) -> {
          failure.compareAndSet(null, e);
          stop.set(true);
        }).start(() -> {
          for (int i = 1; i <= roundTrips && !stop.get(); i++) {
            p.send(i, 0x52, p.name, "x");
            p.expect(message(p.name, "x"));
            p.expectAck(i, 0x01);
          }
        }));
      }
      int most = 0;
      while (load.stream().anyMatch(Thread::isAlive) && !enough.test(most)) {
        most = Math.max(most, vitals.carrierThreads());
      }
      stop.set(true);
      for (Thread t : load) {
        t.join();
      }
      peers.forEach(Peer::close);
      if (failure.get() != null) {
        throw new AssertionError("a client failed", failure.get());
      }
      return most;
    }
  }
}

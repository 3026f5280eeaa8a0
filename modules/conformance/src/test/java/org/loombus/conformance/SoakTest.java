package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.DaemonRuns;
import org.loombus.testkit.ProcessVitals;
import org.loombus.testkit.RawClient;

/**
 * Every hostile mix of docs/robustness.md at once, for a while, against one {@code loombusd} as
 * it is shipped, while a healthy pair exchanges numbered QoS-1 messages and its round trips are
 * recorded before, during and after. The pair must never lose or reorder a message, every attack
 * must be survived, and afterwards the daemon's threads, descriptors and heap must be back at
 * their baseline. {@code -Dloombus.soak.seconds=N} sets the attack's length (10 s in the default
 * run, 300 s in {@code ./dev soak}); the figures are printed for docs/robustness.md.
 */
class SoakTest {
  private static final long SECONDS = Long.getLong("loombus.soak.seconds", 10);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final long HEAP_SLACK_KIB = 4096;

  @TempDir
  Path dir;
  private final AtomicLong faults = new AtomicLong();

  @Test
  @DisplayName("hostile mixes for a while against one daemon: the healthy pair goes on, in order;"
      + " the daemon is back at its baseline afterwards")
  void hostileMixesAgainstOneDaemon() throws Exception {
    Path socket = dir.resolve("bus.sock");
    Path fifo = dir.resolve("bus.fifo");
    int metricsPort = DaemonRuns.freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, List.of("-Xms32m", "-Xmx512m"), "-B",
        socket.toString(), "-B", "fifo:" + fifo, "-t", "2", "--metrics",
        "127.0.0.1:" + metricsPort);
        HealthyPair pair = HealthyPair.start(UnixDomainSocketAddress.of(socket), "soak")) {
      ProcessVitals vitals = ProcessVitals.of(d.process());
      pair.awaitMore(200, Duration.ofSeconds(30));
      ProcessVitals.Sample baseline = vitals.sample();
      pair.drainRoundTrips();
      Checks.sleep(QUIET);
      long[] before = pair.drainRoundTrips();

      AtomicBoolean attacking = new AtomicBoolean(true);
      SocketAddress bus = UnixDomainSocketAddress.of(socket);
      List<Thread> attackers = List.of(
          attacker("garbage", attacking, r -> garbage(bus, r)),
          attacker("silent handshakes", attacking, r -> silentHandshakes(bus)),
          attacker("non-reading subscriber", attacking, r -> nonReader(bus)),
          attacker("masks", attacking, r -> masks(bus, r)),
          attacker("client.list", attacking, r -> clientList(bus)),
          attacker("fifo", attacking, r -> fifo(fifo, r)),
          attacker("metrics", attacking, r -> partialHttp(metricsPort)),
          attacker("churn", attacking, r -> churn(bus, r)));
      long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
      long deliveredBefore = pair.delivered();
      while (System.nanoTime() < end) {
        pair.awaitMore(1, Duration.ofSeconds(30)); // the pair must progress all along
        Checks.sleep(Duration.ofMillis(200));
      }
      attacking.set(false);
      for (Thread t : attackers) {
        t.join(Duration.ofSeconds(60));
        assertTrue(!t.isAlive(), t.getName() + " did not stop");
      }
      long[] during = pair.drainRoundTrips();
      long deliveredDuring = pair.delivered() - deliveredBefore;
      Checks.sleep(QUIET);
      long[] after = pair.drainRoundTrips();
      ProcessVitals.Sample now = settle(vitals, baseline);
      System.out.printf(Locale.ROOT, "soak: %d s of attacks, %,d faults survived, %,d messages"
          + " of the healthy pair in order meanwhile; round trip p50/p99 µs before %s, during %s,"
          + " after %s; threads %d → %d, descriptors %d → %d, heap after GC %,d → %,d KiB%n",
          SECONDS, faults.get(), deliveredDuring, percentiles(before), percentiles(during),
          percentiles(after), baseline.threads(), now.threads(), baseline.descriptors(),
          now.descriptors(), baseline.heapKiB(), now.heapKiB());
      assertEquals(baseline.threads(), now.threads(), "threads");
      assertEquals(baseline.descriptors(), now.descriptors(), "descriptors");
      assertTrue(now.heapKiB() <= baseline.heapKiB() + HEAP_SLACK_KIB, "heap " + now.heapKiB());
      assertTrue(faults.get() > 0, "no attack got through to the daemon");
    }
  }

  /** Threads and descriptors of closed connections take a moment (T) to go. */
  private static ProcessVitals.Sample settle(ProcessVitals vitals, ProcessVitals.Sample base) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ProcessVitals.Sample s = vitals.sample();
    while ((s.threads() != base.threads() || s.descriptors() != base.descriptors())
        && System.nanoTime() < deadline) {
      Checks.sleep(Duration.ofMillis(250));
      s = vitals.sample();
    }
    return s;
  }

  private static String percentiles(long[] micros) {
    if (micros.length == 0) {
      return "-";
    }
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] + "/" + sorted[(int) (sorted.length * 0.99)];
  }

  /** One attack, run again and again until told to stop. */
  @FunctionalInterface
  private interface Attack {
    void run(Random random) throws Exception;
  }

  private Thread attacker(String name, AtomicBoolean attacking, Attack attack) {
    return Thread.ofVirtual().name("soak-" + name).start(() -> {
      Random random = new Random(name.hashCode());
      while (attacking.get()) {
        try {
          attack.run(random);
          faults.incrementAndGet();
        } catch (Exception | AssertionError e) {
          // a connection the daemon cut short is what the attack is for
          faults.incrementAndGet();
        }
      }
    });
  }

  private static void garbage(SocketAddress bus, Random random) {
    try (RawClient c = random.nextBoolean() ? RawClient.connect(bus)
        : RawClient.register(bus, "garbage." + random.nextInt(1000))) {
      byte[] junk = new byte[1 + random.nextInt(4096)];
      random.nextBytes(junk);
      c.write(junk);
      c.awaitClosed(Duration.ofSeconds(10));
    }
  }

  private static void silentHandshakes(SocketAddress bus) {
    List<RawClient> held = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        held.add(RawClient.connect(bus));
      }
      for (RawClient c : held) {
        c.awaitClosed(Duration.ofSeconds(10)); // T for the handshake, or refused at once
      }
    } finally {
      held.forEach(RawClient::close);
    }
  }

  private static void nonReader(SocketAddress bus) {
    try (RawClient sub = RawClient.register(bus, "soak.nonreader");
        RawClient pub = RawClient.register(bus, "soak.flooder")) {
      sub.send(1, 0x02, "soak/big");
      byte[] big = new byte[256 * 1024];
      for (int i = 0; i < 200; i++) {
        pub.send(i, 0x01, "soak/big", big);
      }
      sub.awaitClosed(Duration.ofSeconds(20)); // dropped: it takes no bytes for T
    }
  }

  private static void masks(SocketAddress bus, Random random) {
    try (RawClient c = RawClient.register(bus, "soak.masks." + random.nextInt(100))) {
      c.send(1, 0x42, "s/".repeat(11_000) + "x"); // refused, 72
      c.readFrameSkippingNops();
      List<String> many = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        many.add("x/" + i);
      }
      c.send(2, 0x04, many.toArray()); // past the mask limit: dropped
      c.awaitClosed(Duration.ofSeconds(10));
    }
  }

  private static void clientList(SocketAddress bus) {
    try (RawClient c = RawClient.register(bus, "soak.list." + "ab1".repeat(2_000))) {
      byte[] re = "([a-z]|[0-9]){200}!".getBytes(StandardCharsets.UTF_8);
      byte[] filter = RawRpc.join(RawClient.hex("81 A6"), RawRpc.utf8("filter"),
          new byte[] {(byte) (0xA0 | re.length)}, re);
      for (int i = 1; i <= 20; i++) {
        RawRpc.send(c, i, 0x12, i, "client.list", filter);
      }
      for (int i = 1; i <= 20; i++) {
        c.readFrameSkippingNops(); // an answer or busy for each
      }
    }
  }

  private static void fifo(Path fifo, Random random) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      lines.append(random.nextInt(10) == 0 ? "soak.nobody " + "x".repeat(70_000)
          : "=soak/fifo line" + i).append('\n');
    }
    Files.writeString(fifo, lines, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
  }

  private static void partialHttp(int port) throws IOException {
    try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: x\r\n"
          .getBytes(StandardCharsets.US_ASCII)));
      ch.socket().setSoTimeout(10_000);
      byte[] b = new byte[256];
      while (ch.socket().getInputStream().read(b) >= 0) {
        // until the endpoint gives up on the request
      }
    }
  }

  private static void churn(SocketAddress bus, Random random) {
    for (int i = 0; i < 100; i++) {
      RawClient.register(bus, "soak.churn." + random.nextInt(20)).close();
    }
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.ProcessVitals;
import org.loombus.testkit.RawClient;

/**
 * {@code loombusd} as a separate process, with the image's heap limits, against clients that are
 * broken or malicious: random bytes, truncated frames, lengths near 2^32, half-open connections,
 * a thousand garbage connections at once, no file descriptor left, a body larger than the heap.
 * Throughout, a {@link HealthyPair} exchanges messages, each of which must arrive in order, and it
 * must make progress while each attack's connections are open. Every hostile connection must be
 * closed by the daemon, and at the end its threads, descriptors and heap must be back at their
 * baseline. {@code -Dloombus.hostile.rounds=N} repeats each attack (the soak profile runs 10).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientTest {
  private static final int ROUNDS = Integer.getInteger("loombus.hostile.rounds", 1);
  /** The image launcher's heap options: the daemon as it is shipped. */
  private static final List<String> IMAGE_HEAP = List.of("-Xms32m", "-Xmx512m");
  /** T: handshake steps, bodies and writes; a client silent for 1.25 T is dropped. */
  private static final String T_SECONDS = "2";
  /** Longest a hostile connection may stay open: 1.25 T, plus room for a loaded machine. */
  private static final Duration CLOSE_BOUND = Duration.ofSeconds(20);
  private static final Duration PROGRESS_BOUND = Duration.ofSeconds(30);
  /**
   * Heap a full collection may leave above the baseline without counting as kept: tables and
   * queues keep the capacity a load gave them (about 0.8 MiB after one round or four).
   */
  private static final long HEAP_SLACK_KIB = 2048;
  private static final long RSS_BOUND_KIB = 128 * 1024;

  private final Random random = new Random(20261129);
  private Path dir;
  private Path socket;
  private DaemonProcess daemon;
  private ProcessVitals vitals;
  private ProcessVitals.Sample baseline;
  private HealthyPair pair;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loombusd-hostile");
    socket = dir.resolve("bus.sock");
    daemon = DaemonProcess.start(socket, IMAGE_HEAP, "-B", socket.toString(), "-t", T_SECONDS);
    vitals = ProcessVitals.of(daemon.process());
    pair = HealthyPair.start(address(), "pair");
    pair.awaitMore(100, PROGRESS_BOUND);
    baseline = vitals.sample();
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (pair != null) {
        pair.close();
      }
    } finally {
      daemon.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private UnixDomainSocketAddress address() {
    return UnixDomainSocketAddress.of(socket);
  }

  @Test
  @Order(1)
  @DisplayName("Random bytes, raw or after a valid handshake: each connection is closed, the pair goes on")
  void randomBytes() {
    for (int round = 0; round < ROUNDS; round++) {
      List<RawClient> clients = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        RawClient c = i % 2 == 0
            ? RawClient.connect(address())
            : RawClient.register(address(), "random." + round + "." + i);
        byte[] junk = new byte[1 + random.nextInt(2048)];
        random.nextBytes(junk);
        junk[0] = (byte) 0xEC; // never the greeting by chance
        writeUnlessClosed(c, junk);
        clients.add(c);
      }
      pair.awaitMore(100, PROGRESS_BOUND);
      assertAllClosed(clients, "random bytes");
    }
  }

  @Test
  @Order(2)
  @DisplayName("Handshakes, headers and bodies cut short: each connection is closed after its limit")
  void truncated() {
    for (int round = 0; round < ROUNDS; round++) {
      List<RawClient> clients = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        RawClient greetingOnly = RawClient.connect(address());
        greetingOnly.read(3);
        greetingOnly.write(RawClient.hex("EB 01 00 05"));
        RawClient nameCut = RawClient.connect(address());
        nameCut.read(3);
        nameCut.write(RawClient.hex("EB 01 00 05 00 61 62"));
        RawClient headerCut = RawClient.register(address(), "cut.header." + round + "." + i);
        headerCut.write(RawClient.hex("01 00 00 00 52"));
        RawClient bodyCut = RawClient.register(address(), "cut.body." + round + "." + i);
        bodyCut.write(Checks.header(1, 0x52, 100));
        bodyCut.write(RawClient.hex("70 61 69 72 2E 72 78 00 61 62"));
        clients.addAll(List.of(greetingOnly, nameCut, headerCut, bodyCut));
      }
      pair.awaitMore(100, PROGRESS_BOUND);
      assertAllClosed(clients, "truncated input");
    }
  }

  @Test
  @Order(3)
  @DisplayName("300 headers announcing 4 GiB or 2 GiB at once: closed, and the daemon's memory does not follow")
  void hugeLengths() {
    for (int round = 0; round < ROUNDS; round++) {
      long rssBefore = vitals.residentKiB();
      List<RawClient> clients = new ArrayList<>();
      byte[] body = new byte[16 * 1024];
      for (int i = 0; i < 150; i++) {
        RawClient over = RawClient.register(address(), "huge.4g." + round + "." + i);
        over.write(Checks.header(1, 0x52, 0xFFFF_FFFF));
        writeUnlessClosed(over, body);
        RawClient stalled = RawClient.register(address(), "huge.2g." + round + "." + i);
        stalled.write(Checks.header(1, 0x52, 0x7FFF_FFBF));
        stalled.write(body);
        clients.addAll(List.of(over, stalled));
      }
      pair.awaitMore(100, PROGRESS_BOUND);
      long grown = vitals.residentKiB() - rssBefore;
      assertTrue(grown < RSS_BOUND_KIB, "resident memory grew by " + grown + " KiB while 150 "
          + "clients each announced a 2 GiB body and sent 16 KiB of it");
      assertAllClosed(clients, "a huge announced length");
    }
    assertFalse(daemon.output().contains("does not fit in memory"), daemon.output());
  }

  @Test
  @Order(4)
  @DisplayName("Half-open connections: silent, half-closed, registered and mute; each is closed")
  void halfOpen() {
    for (int round = 0; round < ROUNDS; round++) {
      List<RawClient> clients = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        clients.add(RawClient.connect(address()));
        RawClient halfClosed = RawClient.register(address(), "half." + round + "." + i);
        halfClosed.shutdownOutput();
        clients.add(halfClosed);
        clients.add(RawClient.register(address(), "mute." + round + "." + i));
      }
      pair.awaitMore(100, PROGRESS_BOUND);
      assertAllClosed(clients, "a half-open connection");
    }
  }

  @Test
  @Order(5)
  @DisplayName("1,000 garbage connections open at once from one peer: beyond its 256 handshakes"
      + " at once each is closed unanswered, the others get 75 or are closed; the pair goes on")
  void thousandGarbageConnections() {
    for (int round = 0; round < ROUNDS; round++) {
      List<RawClient> clients = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        clients.add(RawClient.connect(address()));
      }
      List<RawClient> greeted = new ArrayList<>();
      for (RawClient c : clients) {
        byte[] first = c.readUntilClosedOr(3, CLOSE_BOUND);
        if (first.length == 0) {
          continue; // refused: its peer had all its handshakes under way
        }
        assertArrayEquals(RawClient.hex("EB 01 00"), first);
        byte[] junk = new byte[greeted.size() % 2 == 0 ? 3 : 64];
        random.nextBytes(junk);
        junk[0] = (byte) 0xEC;
        writeUnlessClosed(c, junk);
        greeted.add(c);
      }
      assertTrue(greeted.size() >= 256 && greeted.size() < 1000, greeted.size() + " greeted");
      pair.awaitMore(100, PROGRESS_BOUND);
      for (int i = 0; i < greeted.size(); i += 2) {
        // a 3-byte bad greeting is read whole: the answer is 75, then a clean close
        assertArrayEquals(new byte[] {0x75}, greeted.get(i).readUntilClosed(CLOSE_BOUND));
      }
      assertAllClosed(clients, "a garbage greeting");
    }
  }

  @Test
  @Order(6)
  @DisplayName("No file descriptor left: one line when accepting stops, one when it resumes; the pair goes on")
  void descriptorsExhausted() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs prlimit (util-linux)");
    long pid = daemon.process().pid();
    long[] limit = openFilesLimit(pid);
    int open = vitals.sample().descriptors();
    prlimit(pid, open + 10, limit[1]);
    List<RawClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        clients.add(RawClient.connect(address()));
      }
      Checks.awaitTrue(() -> daemon.output().contains(acceptFailed()), CLOSE_BOUND,
          "the daemon logs that accepting fails");
      pair.awaitMore(100, PROGRESS_BOUND);
    } finally {
      clients.forEach(RawClient::close);
      prlimit(pid, limit[0], limit[1]);
    }
    String name = "after.exhaustion";
    try (RawClient fresh = RawClient.register(address(), name)) {
      Checks.assertSelfMessage(fresh, name, 1);
    }
    // One line when accepting stops working, one when it works again: strictly alternating.
    // (Connections accepted before the limit time out after T and free descriptors, so a slow
    // run may see more than one such period.)
    List<String> events = daemon.output().lines()
        .filter(l -> l.contains(acceptFailed()) || l.contains(acceptResumed())).toList();
    assertFalse(events.isEmpty(), daemon.output());
    for (int i = 0; i < events.size(); i++) {
      assertTrue(events.get(i).contains(i % 2 == 0 ? acceptFailed() : acceptResumed()),
          "line " + i + " of " + events);
    }
    assertEquals(0, events.size() % 2, "accepting did not resume: " + events);
  }

  private String acceptFailed() {
    return "accept on " + socket + " failed: Too many open files";
  }

  private String acceptResumed() {
    return "accepting on " + socket + " again after ";
  }

  /** @return the soft and hard limit of open files of a process */
  private static long[] openFilesLimit(long pid) throws IOException {
    Matcher m = Pattern.compile("Max open files\\s+(\\d+)\\s+(\\d+)")
        .matcher(Files.readString(Path.of("/proc", Long.toString(pid), "limits")));
    assertTrue(m.find(), "no open-files limit for " + pid);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  private static void prlimit(long pid, long soft, long hard) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/prlimit", "--pid", Long.toString(pid),
        "--nofile=" + soft + ":" + hard).inheritIO().start();
    assertEquals(0, p.waitFor(), "prlimit failed");
  }

  @Test
  @Order(7)
  @DisplayName("A body larger than the daemon's heap closes that client with one line; the daemon serves on")
  void bodyLargerThanHeap() throws IOException {
    Path small = dir.resolve("small-heap.sock");
    try (DaemonProcess d = DaemonProcess.start(small, List.of("-Xmx64m"), "-B", small.toString());
        RawClient big = RawClient.register(UnixDomainSocketAddress.of(small), "big")) {
      big.write(Checks.header(1, 0x52, 0x7FFF_FFBF));
      byte[] mib = new byte[1 << 20];
      // the buffer doubles as bytes arrive: 64 MiB of heap cannot hold it past 32 MiB or so
      for (int i = 0; i < 256 && writeUnlessClosed(big, mib); i++) {
        // keep sending until the daemon closes the connection
      }
      assertTrue(big.awaitClosed(CLOSE_BOUND), "the daemon kept the connection");
      String name = "after.big";
      try (RawClient after = RawClient.register(UnixDomainSocketAddress.of(small), name)) {
        Checks.assertSelfMessage(after, name, 1);
      }
      // The daemon closes the connection before it logs the line, so the line may come later.
      String line = "disconnected: frame body of 2147483583 bytes does not fit in the broker's"
          + " memory budget";
      d.awaitOutput(line, CLOSE_BOUND);
      String log = d.output();
      assertEquals(1, occurrences(log, line), log);
      assertTrue(log.contains("client big (local_ipc " + small), log);
      assertFalse(log.contains("Exception"), log);
    }
  }

  @Test
  @Order(8)
  @DisplayName("Afterwards the daemon is back at its threads, descriptors and heap; no message was lost")
  void backToBaseline() {
    pair.awaitMore(100, PROGRESS_BOUND);
    ProcessVitals.Sample after =
        vitals.awaitWithin(baseline, HEAP_SLACK_KIB, Duration.ofSeconds(120));
    System.out.println("hostile clients: baseline " + baseline + ", after " + after + ", "
        + pair.delivered() + " messages delivered in order");
    try {
      pair.close();
    } finally {
      pair = null;
    }
    String log = daemon.output();
    assertFalse(log.contains("Exception") || log.contains("\tat "), log);
  }

  /** @return false if the daemon had closed the connection */
  private static boolean writeUnlessClosed(RawClient c, byte[] bytes) {
    try {
      c.write(bytes);
      return true;
    } catch (UncheckedIOException closedByDaemon) {
      return false;
    }
  }

  private static void assertAllClosed(List<RawClient> clients, String what) {
    long deadline = System.nanoTime() + CLOSE_BOUND.toNanos();
    int open = 0;
    for (RawClient c : clients) {
      if (!c.awaitClosed(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
        open++;
      }
      c.close();
    }
    assertEquals(0, open, open + " of " + clients.size() + " connections sending " + what
        + " were still open after " + CLOSE_BOUND.toSeconds() + " s");
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.RawRpc.join;
import static org.loombus.conformance.RawRpc.utf8;
import static org.loombus.testkit.RawClient.hex;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Checklist C93–C96: the broker's announcements (docs/protocol.md §5.6) as subscribers receive
 * them, with the MessagePack keys {@code s}, {@code d}, {@code t} in that order and {@code t} as
 * {@code CF} + 8 bytes of wall-clock nanoseconds.
 */
class AnnouncementConformanceTest {
  private static final String INFO = ".broker/info";
  private static final String WARN = ".broker/warn";
  /** Tolerance around the test's own clock readings: the broker reads the same wall clock. */
  private static final long SLACK_NS = Duration.ofSeconds(1).toNanos();
  private static final Duration WAIT = Duration.ofSeconds(5);
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  /** One decoded announcement. */
  private record Event(String subject, String data, long t) {}

  @Test
  @DisplayName("C93 a primary's registration publishes {s:reg, d:name, t:u64} from .broker on .broker/info")
  void registration() {
    try (RawClient w = watcher()) {
      long before = nowNs();
      try (RawClient n = broker.registerUnix("newcomer")) {
        byte[] frame = w.readFrameSkippingNops();
        byte[] expected = join(hex("83 A1 73 A3 72 65 67 A1 64 A8"), utf8("newcomer"),
            hex("A1 74 CF"));
        int at = frame.length - 8 - expected.length;
        assertTrue(at > 0, hex(frame));
        assertArrayEquals(expected, Arrays.copyOfRange(frame, at, frame.length - 8));
        assertEvent(decode(frame, INFO), "reg", "newcomer", before);
      }
      assertEvent(readEvent(w, INFO), "unreg", "newcomer", before);

      String longName = "tcp." + "x".repeat(40); // 44 bytes: str8 (D9) for d
      before = nowNs();
      try (RawClient t = broker.registerTcp(longName)) {
        assertEvent(readEvent(w, INFO), "reg", longName, before);
      }
      assertEvent(readEvent(w, INFO), "unreg", longName, before);

      before = nowNs();
      BusClient internal = broker.handle().register("in.process");
      assertEvent(readEvent(w, INFO), "reg", "in.process", before);
      internal.close();
      assertEvent(readEvent(w, INFO), "unreg", "in.process", before);
    }
  }

  @Test
  @DisplayName("C94 a primary leaving for any reason publishes {s:unreg, d:name, t}")
  void unregistration() {
    try (RawClient w = watcher()) {
      long before = nowNs();
      RawClient clean = broker.registerUnix("clean");
      assertEvent(readEvent(w, INFO), "reg", "clean", before);
      clean.shutdownOutput(); // EOF at a frame boundary
      assertEvent(readEvent(w, INFO), "unreg", "clean", before);
      clean.close();

      try (RawClient kicked = broker.registerTcp("kicked")) {
        assertEvent(readEvent(w, INFO), "reg", "kicked", before);
        broker.handle().forceDisconnect("kicked");
        assertEvent(readEvent(w, INFO), "unreg", "kicked", before);
        assertTrue(kicked.awaitClosed(WAIT));
      }

      try (RawClient broken = broker.registerUnix("broken")) {
        assertEvent(readEvent(w, INFO), "reg", "broken", before);
        broken.send(1, 0x07, new byte[0]); // unknown op: protocol error
        assertEvent(readEvent(w, INFO), "unreg", "broken", before);
        assertTrue(broken.awaitClosed(WAIT));
      }
    }
  }

  @Test
  @DisplayName("C94 a client dropped for idling publishes unreg")
  void unregistrationOnIdle() throws InterruptedException {
    // T = 300 ms: the idle client is dropped after 375 ms. The watcher is in-process, so it does
    // not need to ping while it waits.
    try (TestBroker quick = TestBroker.start(b -> b.timeout(Duration.ofMillis(300)))) {
      BusClient w = quick.handle().register("watcher");
      assertEquals(ResultCode.OK, w.subscribe(INFO, Qos.PROCESSED).await());
      long before = nowNs();
      try (RawClient idle = quick.registerUnix("idle")) {
        assertEvent(decode(w.receive(WAIT), INFO), "reg", "idle", before);
        assertEvent(decode(w.receive(WAIT), INFO), "unreg", "idle", before);
        assertTrue(idle.awaitClosed(WAIT));
      }
    }
  }

  @Test
  @DisplayName("C95 secondaries registering or leaving publish nothing")
  void secondariesSilent() throws InterruptedException {
    try (RawClient w = watcher()) {
      long before = nowNs();
      RawClient p = broker.registerUnix("p");
      assertEvent(readEvent(w, INFO), "reg", "p", before);
      try (RawClient p1 = broker.registerUnix("p%%1")) {
        // Registration announces synchronously, so a reg for p%%1 would precede this one.
        expectOnlyMarker(w, "mark1");
      }
      awaitInstances("p", 1);
      expectOnlyMarker(w, "mark2");

      RawClient p2 = broker.registerTcp("p%%2");
      BusClient internal = broker.handle().register("ip");
      assertEvent(readEvent(w, INFO), "reg", "ip", before);
      BusClient internalSecondary = internal.registerSecondary();
      internalSecondary.close();
      expectOnlyMarker(w, "mark3");

      p.close();
      assertEvent(readEvent(w, INFO), "unreg", "p", before);
      assertTrue(p2.awaitClosed(WAIT), "the secondary goes with its primary");
      p2.close();
      internal.close();
      assertEvent(readEvent(w, INFO), "unreg", "ip", before);
      expectOnlyMarker(w, "mark4");
    }
  }

  @Test
  @DisplayName("C96 loombusd publishes {s:shutdown, t} on .broker/warn at SIGTERM, then closes")
  void daemonShutdown() throws IOException {
    Path dir = Files.createTempDirectory("loombus-c96");
    Path socket = dir.resolve("d.sock");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString());
        RawClient c = RawClient.register(UnixDomainSocketAddress.of(socket), "c1")) {
      long before = nowNs();
      d.terminate();
      byte[] frame = c.readFrameSkippingNops();
      byte[] expected = join(hex("82 A1 73 A8"), utf8("shutdown"), hex("A1 74 CF"));
      assertArrayEquals(expected,
          Arrays.copyOfRange(frame, frame.length - 8 - expected.length, frame.length - 8));
      assertEvent(decode(frame, WARN), "shutdown", null, before);
      assertTrue(c.awaitClosed(WAIT), "connection not closed after the shutdown event");
      assertEquals(0, d.awaitExit(Duration.ofSeconds(20)), d.output());
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  @DisplayName("C96 an embedded broker's shutdown warns every client, Unix and TCP, before closing")
  void embeddedShutdown() {
    try (RawClient u = broker.registerUnix("u1");
        RawClient t = broker.registerTcp("t1")) {
      long before = nowNs();
      broker.handle().shutdown();
      for (RawClient c : new RawClient[] {u, t}) {
        assertEvent(readEvent(c, WARN), "shutdown", null, before);
        assertTrue(c.awaitClosed(WAIT));
      }
    }
  }

  /** @return a socket client subscribed to {@code .broker/info} */
  private RawClient watcher() {
    RawClient w = broker.registerUnix("watcher");
    w.send(1, 0x42, utf8(INFO));
    assertArrayEquals(RawRpc.ack(1, 0x01), w.readFrameSkippingNops());
    return w;
  }

  /** Registers and removes a marker client; its reg must be the next announcement. */
  private void expectOnlyMarker(RawClient w, String marker) {
    long before = nowNs();
    try (RawClient m = broker.registerUnix(marker)) {
      assertEvent(readEvent(w, INFO), "reg", marker, before);
    }
    assertEvent(readEvent(w, INFO), "unreg", marker, before);
  }

  private void awaitInstances(String primary, int instances) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (broker.handle().clients().stream()
        .noneMatch(c -> c.name().equals(primary) && c.instances() == instances)) {
      assertTrue(System.nanoTime() < deadline, primary + " never had " + instances + " instances");
      Thread.sleep(5);
    }
  }

  private static Event readEvent(RawClient c, String topic) {
    return decode(c.readFrameSkippingNops(), topic);
  }

  /**
   * Checks the envelope {@code 01 len 00 .broker 00 topic 00} (QoS 0: byte 5 is 00) and reads the
   * map strictly.
   */
  private static Event decode(byte[] frame, String topic) {
    byte[] body = join(utf8(RawRpc.BROKER), hex("00"), utf8(topic), hex("00"));
    byte[] head = join(hex("01"), RawRpc.le32(frame.length - 6), hex("00"), body);
    assertTrue(frame.length > head.length, hex(frame));
    assertArrayEquals(head, Arrays.copyOf(frame, head.length), "envelope of " + hex(frame));
    return payload(new MsgPackReader(frame, head.length));
  }

  /** Same check for a frame an in-process subscriber received. */
  private static Event decode(Frame frame, String topic) {
    assertNotNull(frame, "no announcement arrived");
    assertEquals(FrameKind.PUBLICATION, frame.kind());
    assertEquals(RawRpc.BROKER, frame.sender());
    assertEquals(topic, frame.topic());
    assertTrue(!frame.isRealtime());
    return payload(new MsgPackReader(frame.payload()));
  }

  private static Event payload(MsgPackReader r) {
    int keys = r.map();
    r.key("s");
    String subject = r.str();
    String data = null;
    if (keys == 3) {
      r.key("d");
      data = r.str();
    } else {
      assertEquals(2, keys, "an announcement has 2 or 3 keys");
    }
    r.key("t");
    long t = r.u64();
    r.end();
    return new Event(subject, data, t);
  }

  private static void assertEvent(Event e, String subject, String data, long notBefore) {
    assertEquals(subject, e.subject);
    if (data == null) {
      assertNull(e.data, "d must be omitted");
    } else {
      assertEquals(data, e.data);
    }
    long now = nowNs();
    assertTrue(e.t >= notBefore - SLACK_NS && e.t <= now + SLACK_NS,
        "t " + e.t + " not between " + notBefore + " and " + now);
  }

  private static long nowNs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}

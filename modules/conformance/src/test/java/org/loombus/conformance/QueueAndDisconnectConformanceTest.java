package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.Peer.broadcast;
import static org.loombus.testkit.Peer.message;
import static org.loombus.testkit.Peer.publication;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientInfo;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** Spec §1.10, §3.8, §3.9, checklist C70–C78: ordering, full queues and disconnects. */
class QueueAndDisconnectConformanceTest {
  /** Bounds every loop that fills a socket: 400 × 32 KiB is far beyond any socket buffer. */
  private static final int MAX_FRAMES = 400;
  private static final int BIG = 32 * 1024;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private TestBroker broker;

  private void start(UnaryOperator<BrokerConfig.Builder> settings) {
    broker = TestBroker.start(settings);
  }

  /** T = 5 s: no client needs to ping during a test. */
  private void start() {
    start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static byte[] frame(int id, int flags, Object... parts) {
    byte[] body = RawClient.body(parts);
    return ByteBuffer.allocate(9 + body.length).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(id).put((byte) flags).putInt(body.length).put(body).array();
  }

  @Test
  @DisplayName("C70 message, publish, broadcast and publish-for from c1 reach c2 in send order")
  void orderAcrossOps() {
    start();
    try (Peer c1 = Peer.register(broker.unix(), "c1");
        Peer c2 = Peer.register(broker.tcp(), "c2")) {
      c2.subscribe(1, "t");
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int rounds = 50;
      for (int i = 0; i < rounds; i++) {
        all.writeBytes(frame(4 * i, 0x12, "c2", "m" + i));
        all.writeBytes(frame(4 * i + 1, 0x01, "t", "p" + i));
        all.writeBytes(frame(4 * i + 2, 0x13, "c2", "b" + i));
        all.writeBytes(frame(4 * i + 3, 0x06, "t", "c2", "f" + i));
      }
      c1.raw.write(all.toByteArray());
      for (int i = 0; i < rounds; i++) {
        c2.expect(message("c1", "m" + i));
        c2.expect(publication("c1", "t", "p" + i));
        c2.expect(broadcast("c1", "b" + i));
        c2.expect(publication("c1", "t", "f" + i));
      }
    }
  }

  @Test
  @DisplayName("C71 the delivery of a QoS-1 message is queued before the sender's ACK")
  void deliveryBeforeAck() {
    start();
    try (Peer c1 = Peer.register(broker.unix(), "c1")) {
      // sent to itself, both frames travel through c1's one queue: their order is the broker's
      c1.raw.write(concat(frame(1, 0x52, "c1", "one"), frame(2, 0xD3, "c1", "two")));
      c1.expect(message("c1", "one"));
      c1.expectAck(1, 0x01);
      c1.expect(RawClient.hex("13 06 00 00 00 01 63 31 00 74 77 6F"));
      c1.expectAck(2, 0x01);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Registers {@code obs} subscribed to {@code .broker/info} after the other clients, so the
   * first announcement it reads is the one the test causes.
   */
  private Peer observer(SocketAddress address) {
    Peer obs = Peer.register(address, "obs");
    obs.subscribe(0x0B5, ".broker/info");
    return obs;
  }

  @Test
  @DisplayName("C72 a QoS-1 message to a client with a full queue ACKs 77; the target is dropped")
  void fullQueueMessage() {
    // T = 2 s: the blocked writer of the target must not time out (C25) while the queue fills
    start(b -> b.queueSize(4).timeout(Duration.ofSeconds(2)));
    try (Peer slow = Peer.register(broker.unix(), "slow");
        Peer fast = Peer.register(broker.unix(), "fast");
        Peer obs = observer(broker.unix())) {
      Instant before = Instant.now();
      byte[] big = new byte[BIG];
      int code = 0x01;
      int id = 0;
      while (code == 0x01 && id < MAX_FRAMES) {
        fast.send(++id, 0x52, "slow", big);
        byte[] ack = fast.raw.readFrameSkippingNops();
        assertEquals(6, ack.length, "ACK expected, got " + RawClient.hex(ack));
        assertArrayEquals(Arrays.copyOf(Peer.ack(id, 0), 5), Arrays.copyOf(ack, 5));
        code = ack[5] & 0xFF;
      }
      assertEquals(0x77, code, "ACK after " + id + " frames to a reader that never reads");
      obs.expectAnnouncement(".broker/info", "unreg", "slow", before);
      assertTrue(slow.raw.awaitClosed(CLOSE_WAIT), "the slow client's connection stays open");
      fast.send(9999, 0x52, "slow", "gone");
      fast.expectAck(9999, 0x71);
    }
  }

  @Test
  @DisplayName("C73 a publication skips and drops a full subscriber, reaches the others, ACKs 01")
  void fullQueuePublication() {
    start(b -> b.queueSize(4).timeout(Duration.ofSeconds(2)));
    try (Peer slow = Peer.register(broker.unix(), "slow");
        Peer good = Peer.register(broker.unix(), "good");
        Peer fast = Peer.register(broker.unix(), "fast");
        Peer obs = observer(broker.unix())) {
      slow.subscribe(1, "big");
      good.subscribe(2, "big");
      Instant before = Instant.now();
      floodUntilDropped("slow", (id, payload) -> {
        fast.send(id, 0x41, "big", payload);
        fast.expectAck(id, 0x01);
        good.expect(publication("fast", "big", payload));
      });
      obs.expectAnnouncement(".broker/info", "unreg", "slow", before);
      assertTrue(slow.raw.awaitClosed(CLOSE_WAIT), "the slow client's connection stays open");
    }
  }

  @Test
  @DisplayName("C73 a broadcast skips and drops a full recipient, reaches the others, ACKs 01")
  void fullQueueBroadcast() {
    start(b -> b.queueSize(4).timeout(Duration.ofSeconds(2)));
    try (Peer slow = Peer.register(broker.unix(), "grp.slow");
        Peer good = Peer.register(broker.unix(), "grp.good");
        Peer fast = Peer.register(broker.unix(), "fast");
        Peer obs = observer(broker.unix())) {
      Instant before = Instant.now();
      floodUntilDropped("grp.slow", (id, payload) -> {
        fast.send(id, 0x53, "grp.*", payload);
        fast.expectAck(id, 0x01);
        good.expect(broadcast("fast", payload));
      });
      obs.expectAnnouncement(".broker/info", "unreg", "grp.slow", before);
      assertTrue(slow.raw.awaitClosed(CLOSE_WAIT), "the slow client's connection stays open");
    }
  }

  private interface Round {
    void run(int id, byte[] payload);
  }

  /**
   * Runs rounds with distinct large payloads until {@code victim} is unregistered, then three
   * more, so deliveries to the others are shown to go on after the drop.
   */
  private void floodUntilDropped(String victim, Round round) {
    int after = -1;
    for (int id = 1; id <= MAX_FRAMES && after < 3; id++) {
      byte[] payload = new byte[BIG];
      Arrays.fill(payload, (byte) ('a' + id % 26));
      round.run(id, payload);
      if (after >= 0 || broker.handle().connection(victim).isEmpty()) {
        after++;
      }
    }
    assertEquals(3, after, victim + " was never dropped");
  }

  @Test
  @DisplayName("C74 a client whose queue is full at a keep-alive tick, and which takes no bytes, is"
      + " disconnected")
  void fullQueueAtPingTick() throws InterruptedException {
    // A queue of one frame. Messages to a client that never reads fill its socket until the
    // writer blocks; the frame after that stays queued, so the queue is full, and no more is
    // sent. The next keep-alive NOP (every T/2) then finds it full, well before the blocked
    // write reaches T (C25), and the client pings so idleness cannot be the cause either.
    // Sender and observer are in-process: a one-frame queue would make any socket client
    // fragile (a NOP and another frame in the same instant), not only the one under test.
    start(b -> b.queueSize(1).timeout(Duration.ofSeconds(1)));
    BusClient fast = broker.handle().register("fast", (self, f) -> { });
    BlockingQueue<byte[]> info = new LinkedBlockingQueue<>();
    BusClient obs = broker.handle().register("obs", (self, f) -> info.add(Peer.publication(
        f.sender(), f.topic(), f.payload())));
    assertEquals(0x01, obs.subscribe(".broker/info", Qos.PROCESSED).await());
    try (Peer slow = Peer.register(broker.unix(), "slow")) {
      expectEvent(info, "reg", "slow");
      // Pings from the start: on a loaded machine the flood below can outlast 1.25 T.
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      Thread pinger = Thread.ofVirtual().start(() -> {
        while (broker.handle().connection("slow").isPresent() && System.nanoTime() < deadline) {
          try {
            slow.raw.write(new byte[9]); // a ping; reading would unblock the writer
          } catch (java.io.UncheckedIOException dropped) {
            return;
          }
          Checks.sleep(Duration.ofMillis(100));
        }
      });
      byte[] big = new byte[BIG];
      for (int i = 0; i < MAX_FRAMES && !queueStaysFull("slow"); i++) {
        assertEquals(0x01, fast.send("slow", big, Qos.PROCESSED).await());
      }
      pinger.join();
      expectEvent(info, "unreg", "slow");
      assertTrue(slow.raw.awaitClosed(CLOSE_WAIT), "the slow client's connection stays open");
      BrokerStatistics stats = broker.handle().statistics();
      // Dropped at the tick that finds it full and stalled (1 keep-alive refused), or by the
      // watchdog when it has taken no bytes for T (none refused): a full queue alone no longer
      // drops a client that still reads (docs/differences.md).
      assertTrue(stats.droppedFrames() <= 1, "only the keep-alive may be refused");
      assertEquals(1, stats.forcedDisconnects());
    }
  }

  /** Takes the next frame the in-process observer got and checks it is the announcement. */
  private static void expectEvent(BlockingQueue<byte[]> frames, String subject, String name)
      throws InterruptedException {
    byte[] f = frames.poll(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(f != null, "no " + subject + " announcement");
    ByteArrayOutputStream map = new ByteArrayOutputStream();
    map.writeBytes(RawClient.hex("83 A1 73"));
    map.write(0xA0 | subject.length());
    map.writeBytes(subject.getBytes(StandardCharsets.UTF_8));
    map.writeBytes(RawClient.hex("A1 64"));
    map.write(0xA0 | name.length());
    map.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    map.writeBytes(RawClient.hex("A1 74 CF"));
    byte[] head = Peer.publication(".broker", ".broker/info", map.toByteArray());
    assertEquals(head.length + 8, f.length, RawClient.hex(f));
    assertEquals(RawClient.hex(Arrays.copyOfRange(head, 6, head.length)),
        RawClient.hex(Arrays.copyOfRange(f, 6, head.length)));
  }

  /**
   * Whether a frame waits in the client's queue and still waits a moment later: a writer that is
   * not blocked takes queued frames within microseconds. A client already gone counts as full.
   */
  private boolean queueStaysFull(String name) throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      if (i > 0) {
        Thread.sleep(20);
      }
      boolean full = broker.handle().clients().stream()
          .filter(c -> c.name().equals(name))
          .allMatch(c -> c.queue() >= 1);
      if (!full) {
        return false;
      }
    }
    return true;
  }

  @Test
  @DisplayName("C75 a client that reconnects under the same name has no subscriptions or exclusions")
  void reconnectStartsClean() {
    start();
    try (Peer pub = Peer.register(broker.unix(), "pub");
        Peer obs = observer(broker.unix())) {
      Instant before = Instant.now();
      try (Peer c = Peer.register(broker.unix(), "c")) {
        obs.expectAnnouncement(".broker/info", "reg", "c", before);
        c.subscribe(1, "t", "x/#");
        c.exclude(2, "x/a");
      }
      obs.expectAnnouncement(".broker/info", "unreg", "c", before);
      try (Peer again = Peer.register(broker.tcp(), "c")) {
        pub.send(3, 0x41, "t", "old subscription");
        pub.expectAck(3, 0x01);
        again.subscribe(4, "x/#");
        pub.send(5, 0x41, "x/a", "old exclusion");
        pub.expectAck(5, 0x01);
        again.expect(publication("pub", "x/a", "old exclusion"));
        pub.sync(again);
      }
    }
  }

  @Test
  @DisplayName("C76 when a primary disconnects its secondaries are closed and removed")
  void primaryTakesSecondaries() {
    start();
    try (Peer s = Peer.register(broker.unix(), "s")) {
      Peer p = Peer.register(broker.unix(), "p");
      try (Peer p1 = Peer.register(broker.unix(), "p%%1");
          Peer p2 = Peer.register(broker.tcp(), "p%%2")) {
        p.close();
        assertTrue(p1.raw.awaitClosed(CLOSE_WAIT), "p%%1 still connected");
        assertTrue(p2.raw.awaitClosed(CLOSE_WAIT), "p%%2 still connected");
      }
      s.send(1, 0x52, "p%%1", "x");
      s.expectAck(1, 0x71);
      s.send(2, 0x52, "p%%2", "x");
      s.expectAck(2, 0x71);
      try (RawClient again = RawClient.connect(broker.unix())) {
        assertEquals(0x71, again.handshake("p%%1"), "p%%1 without its primary");
      }
    }
  }

  @Test
  @DisplayName("C77 when a secondary disconnects the primary stays and instances drops by one")
  void secondaryLeaves() throws InterruptedException {
    start();
    try (Peer s = Peer.register(broker.unix(), "s");
        Peer p = Peer.register(broker.unix(), "p");
        Peer p2 = Peer.register(broker.unix(), "p%%2")) {
      try (Peer p1 = Peer.register(broker.tcp(), "p%%1")) {
        assertEquals(3, instancesOf("p"));
      }
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      while (instancesOf("p") != 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(2, instancesOf("p"));
      s.send(1, 0x52, "p%%1", "x");
      s.expectAck(1, 0x71);
      s.sync(p);
      s.sync(p2);
    }
  }

  private int instancesOf(String name) {
    return broker.handle().clients().stream()
        .filter(c -> c.name().equals(name))
        .mapToInt(ClientInfo::instances)
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not listed"));
  }

  @Test
  @DisplayName("C78 a clean EOF at a frame boundary unregisters the client and publishes unreg")
  void cleanEof() {
    start();
    try (Peer s = Peer.register(broker.unix(), "s");
        Peer obs = observer(broker.unix())) {
      for (SocketAddress address : new SocketAddress[] {broker.unix(), broker.tcp()}) {
        Instant before = Instant.now();
        try (Peer c = Peer.register(address, "c")) {
          obs.expectAnnouncement(".broker/info", "reg", "c", before);
          c.subscribe(1, "t");
          c.raw.shutdownOutput();
          obs.expectAnnouncement(".broker/info", "unreg", "c", before);
          assertTrue(c.raw.awaitClosed(CLOSE_WAIT), "connection not closed after EOF");
        }
        s.send(2, 0x52, "c", "x");
        s.expectAck(2, 0x71);
      }
    }
  }
}

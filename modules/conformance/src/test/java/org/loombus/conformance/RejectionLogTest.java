package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientAaa;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Every way the broker refuses a client or ends its connection is exactly one log line naming the
 * client (once it has named itself), the peer and the reason, and adds one to
 * {@link BrokerStatistics#rejectedHandshakes()} or {@link BrokerStatistics#forcedDisconnects()}.
 * Each test provokes one over a Unix socket of its own broker, whose path picks its lines. A
 * client that goes away by itself is neither logged as a warning nor counted.
 */
class RejectionLogTest {
  private static final Duration T = Duration.ofSeconds(1);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private TestBroker broker;
  private BrokerStatistics before;

  private void start(UnaryOperator<BrokerConfig.Builder> settings, AaaMap aaa) {
    broker = TestBroker.start(settings, aaa);
    before = broker.handle().statistics();
  }

  private void start(UnaryOperator<BrokerConfig.Builder> settings) {
    start(settings, null);
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  /** The peer as the broker describes a client of this test's Unix socket, up to the user. */
  private String peer() {
    return "local_ipc " + broker.socketPath() + " uid=";
  }

  /** Asserts one handshake line ending in {@code reason} and one more rejected handshake. */
  private void assertRejected(String reason) {
    assertOneLine("INFO org.loombus.broker: handshake with " + peer(), " failed: " + reason);
    BrokerStatistics now = broker.handle().statistics();
    assertEquals(before.rejectedHandshakes() + 1, now.rejectedHandshakes(), "rejected");
    assertEquals(before.forcedDisconnects(), now.forcedDisconnects(), "forced");
  }

  /** Asserts one line for client {@code name} ending in {@code what}, one more forced end. */
  private void assertForced(String level, String name, String what) {
    assertOneLine(level + " org.loombus.broker: client " + name + " (" + peer(), ") " + what);
    BrokerStatistics now = broker.handle().statistics();
    assertEquals(before.forcedDisconnects() + 1, now.forcedDisconnects(), "forced");
    assertEquals(before.rejectedHandshakes(), now.rejectedHandshakes(), "rejected");
  }

  private void assertOneLine(String start, String end) {
    List<String> lines = BrokerLog.await(broker.socketPath().toString(), WAIT);
    assertEquals(1, lines.size(), "expected one line, got " + lines);
    String line = lines.get(0);
    assertTrue(line.startsWith(start) && line.endsWith(end),
        "expected '" + start + "…" + end + "', got '" + line + "'");
  }

  private RawClient connect() {
    return RawClient.connect(broker.unix());
  }

  @Test
  @DisplayName("A bad greeting: 75, one line, one rejected handshake")
  void badGreeting() {
    start(b -> b);
    try (RawClient c = connect()) {
      c.read(3);
      c.write(RawClient.hex("EC 01 00"));
      assertArrayEquals(new byte[] {0x75}, c.readUntilClosed(WAIT));
    }
    assertRejected("unsupported greeting or protocol version");
  }

  @Test
  @DisplayName("A bad name: 72, one line naming it, one rejected handshake")
  void badName() {
    start(b -> b);
    try (RawClient c = connect()) {
      assertEquals(0x72, c.handshake(".x"));
    }
    assertRejected("invalid client name '.x'");
  }

  @Test
  @DisplayName("A name with a newline cannot forge a log line: it is escaped in the one line")
  void nameCannotForgeALine() {
    start(b -> b.forceRegister(true));
    String forged = "evil\n2026-12-02 10:00:00.000 INFO  loombusd: loombusd stopped";
    try (RawClient first = broker.registerUnix(forged); RawClient second = connect()) {
      assertEquals(0x01, second.handshake(forged)); // replaces the first: one INFO line
      assertTrue(first.awaitClosed(WAIT));
    }
    List<String> lines = BrokerLog.await(broker.socketPath().toString(), WAIT);
    assertEquals(1, lines.size(), "one line, not two: " + lines);
    assertTrue(lines.get(0).contains("client evil\\x0A2026-12-02 10:00:00.000 INFO  loombusd:"
        + " loombusd stopped ("), lines.get(0));
  }

  @Test
  @DisplayName("A name in use: 76, one line naming it, one rejected handshake")
  void nameInUse() {
    start(b -> b);
    try (RawClient a = broker.registerUnix("a"); RawClient again = connect()) {
      assertEquals(0x76, again.handshake("a"));
      assertRejected("registration of 'a' refused: busy");
    }
  }

  @Test
  @DisplayName("Refused by the access rules: 79, one line naming the client, one rejected handshake")
  void accessRefused() {
    start(b -> b, new AaaMap().put("known", ClientAaa.builder().build()));
    try (RawClient c = connect()) {
      assertEquals(0x79, c.handshake("stranger"));
    }
    assertRejected("'stranger' refused (access denied): no access rules for 'stranger'");
  }

  @Test
  @DisplayName("Beyond max-clients: 76, one line naming the client, one rejected handshake")
  void maxClients() {
    start(b -> b.maxClients(1));
    try (RawClient a = broker.registerUnix("a"); RawClient c = connect()) {
      assertEquals(0x76, c.handshake("b"));
      assertRejected("registration of 'b' refused: the limit of 1 clients is reached");
    }
  }

  @Test
  @DisplayName("A handshake not finished within T: closed, one line, one rejected handshake")
  void handshakeTimeout() {
    start(b -> b.timeout(T));
    try (RawClient c = connect()) {
      c.read(3);
      c.write(RawClient.hex("EB 01 00"));
      assertArrayEquals(new byte[] {0x01}, c.readUntilClosed(WAIT));
    }
    assertRejected("handshake timed out");
  }

  @Test
  @DisplayName("A body over the payload limit: closed, one line, one forced disconnect")
  void payloadTooLarge() {
    start(b -> b.payloadSizeLimit(8));
    try (RawClient c = broker.registerUnix("c")) {
      c.send(1, 0x52, "c", "1234567");
      Checks.assertClosedWithoutReply(c);
    }
    assertForced("WARN", "c", "disconnected: frame body of 9 bytes exceeds the limit of 8");
  }

  @Test
  @DisplayName("An unknown op code: closed, one line, one forced disconnect")
  void unknownOp() {
    start(b -> b);
    try (RawClient c = broker.registerUnix("c")) {
      c.send(1, 0x07, "x", "y");
      Checks.assertClosedWithoutReply(c);
    }
    assertForced("WARN", "c", "disconnected: unknown op code 0x07");
  }

  @Test
  @DisplayName("A client silent for 1.25 T: closed, one line, one forced disconnect")
  void idle() {
    start(b -> b.timeout(T));
    try (RawClient c = broker.registerUnix("c")) {
      assertTrue(c.awaitClosed(WAIT));
    }
    assertForced("WARN", "c", "disconnected: no frame from the client in time");
  }

  @Test
  @DisplayName("A full outgoing queue: closed, one line, one forced disconnect")
  void queueOverflow() {
    // T = 5 s: neither idleness nor the blocked write may end the victim before its queue fills
    start(b -> b.queueSize(1).timeout(Duration.ofSeconds(5)));
    BusClient fast = broker.handle().register("fast", null);
    try (RawClient victim = broker.registerUnix("victim")) {
      byte[] big = new byte[32 * 1024];
      for (int i = 0; i < 400 && broker.handle().connection("victim").isPresent(); i++) {
        fast.send("victim", big, Qos.NO);
      }
      assertTrue(victim.awaitClosed(WAIT));
    }
    assertForced("WARN", "victim",
        "disconnected: outgoing queue full (1 frames or 16777216 bytes)");
  }

  @Test
  @DisplayName("A client that takes no bytes for the stall time (T): closed, one line, one forced"
      + " disconnect")
  void writeDeadline() throws InterruptedException {
    start(b -> b.timeout(T).queueSize(100_000).queueBytes(64 << 20));
    BusClient fast = broker.handle().register("fast", null);
    try (RawClient victim = broker.registerUnix("victim")) {
      // The victim pings, so only the blocked write can be the reason to drop it.
      AtomicBoolean pinging = new AtomicBoolean(true);
      Thread pinger = Thread.ofVirtual().start(() -> {
        while (pinging.get() && broker.handle().connection("victim").isPresent()) {
          try {
            victim.write(new byte[9]);
          } catch (UncheckedIOException closed) {
            return;
          }
          Checks.sleep(T.dividedBy(4));
        }
      });
      try {
        byte[] big = new byte[256 * 1024];
        for (int i = 0; i < 96 && broker.handle().connection("victim").isPresent(); i++) {
          fast.send("victim", big, Qos.NO);
        }
        // not read before it is dropped: reading would unblock the write
        Checks.awaitTrue(() -> broker.handle().connection("victim").isEmpty(), WAIT,
            "the victim is dropped");
        assertTrue(victim.awaitClosed(WAIT));
      } finally {
        pinging.set(false);
        pinger.join();
      }
    }
    assertForced("WARN", "victim", "disconnected: it took no bytes for 1000 ms: not reading");
  }

  @Test
  @DisplayName("A client gone while the broker writes to it left by itself: no warning, not counted")
  void lostWhileWriting() {
    start(b -> b);
    try (RawClient c = broker.registerUnix("c")) {
      c.shutdownInput(); // the broker's reads go on; its next write fails
      broker.handle().register("fast", null).send("c", new byte[] {1}, Qos.NO);
      Checks.awaitTrue(() -> broker.handle().connection("c").isEmpty(), WAIT, "c is dropped");
    }
    Checks.sleep(Duration.ofMillis(300));
    assertEquals(List.of(), BrokerLog.lines(broker.socketPath().toString()));
    BrokerStatistics now = broker.handle().statistics();
    assertEquals(before.forcedDisconnects(), now.forcedDisconnects(), "forced");
    assertEquals(before.rejectedHandshakes(), now.rejectedHandshakes(), "rejected");
  }

  @Test
  @DisplayName("force-disconnect: closed, one line, one forced disconnect")
  void forceDisconnect() {
    start(b -> b);
    try (RawClient c = broker.registerUnix("c")) {
      broker.handle().forceDisconnect("c");
      assertTrue(c.awaitClosed(WAIT));
    }
    assertForced("WARN", "c", "disconnected: force-disconnected");
  }

  @Test
  @DisplayName("Replaced under force-register: the old connection closed, one line, one forced disconnect")
  void replaced() {
    start(b -> b.forceRegister(true));
    try (RawClient old = broker.registerUnix("c"); RawClient replacement = broker.registerUnix("c")) {
      assertTrue(old.awaitClosed(WAIT));
      Checks.assertSelfMessage(replacement, "c", 1);
    }
    assertForced("INFO", "c", "replaced by a new connection of the same name");
  }
}

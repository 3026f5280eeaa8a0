package org.loombus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.testkit.TestBroker;

/**
 * Behaviour every {@link BusClient} shares, whether it lives in the broker's process or talks to
 * it over a socket. Subclasses say how a primary client is connected; everything else, including
 * secondaries, goes through the interface.
 *
 * <p>"Nothing arrives" is proved without waiting on the clock: the same sender follows the frame
 * that must not arrive with a marker message, and since one sender's frames reach a receiver in
 * order (docs/protocol.md §3.8), the receiver's next frame must be the marker.
 */
@Timeout(30)
abstract class BusClientContract {
  static final Duration WAIT = Duration.ofSeconds(5);
  private static final byte[] MARKER = "marker".getBytes(UTF_8);

  TestBroker broker;
  private final List<BusClient> opened = new ArrayList<>();

  /**
   * @param name a primary client name
   * @return a registered client of the kind under test
   */
  abstract BusClient connect(String name);

  @BeforeEach
  void startBroker() {
    broker = TestBroker.start();
  }

  @AfterEach
  void stopBroker() {
    opened.forEach(BusClient::close);
    broker.close();
  }

  BusClient client(String name) {
    BusClient c = connect(name);
    opened.add(c);
    return c;
  }

  BusClient secondaryOf(BusClient primary) {
    BusClient c = primary.registerSecondary();
    opened.add(c);
    return c;
  }

  /** A socket client's close reaches the broker as EOF, a moment later. */
  void awaitUnregistered(String name) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (broker.handle().clients().stream().anyMatch(c -> c.name().equals(name))) {
      assertTrue(System.nanoTime() < deadline, name + " is still registered");
      Thread.sleep(5);
    }
  }

  static Frame next(BusClient c) throws InterruptedException {
    Frame f = c.receive(WAIT);
    assertNotNull(f, c.name() + " received nothing within " + WAIT);
    return f;
  }

  static void assertOk(Confirmation c) throws InterruptedException {
    assertEquals(ResultCode.OK, c.await(WAIT));
  }

  /** Asserts that nothing from {@code sender} reached {@code receiver} before a marker. */
  static void assertNothingFrom(BusClient sender, BusClient receiver) throws InterruptedException {
    assertOk(sender.send(receiver.name(), MARKER, Qos.PROCESSED));
    Frame f = next(receiver);
    assertEquals(FrameKind.MESSAGE, f.kind(), () -> "expected the marker, got " + f);
    assertArrayEquals(MARKER, f.payload(), () -> "expected the marker, got " + f);
  }

  static void assertFrame(Frame f, FrameKind kind, String sender, String topic, byte[] payload) {
    assertEquals(kind, f.kind(), () -> "kind of " + f);
    assertEquals(sender, f.sender(), () -> "sender of " + f);
    assertEquals(topic, f.topic(), () -> "topic of " + f);
    assertArrayEquals(payload, f.payload(), () -> "payload of " + f);
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  @DisplayName("a direct message arrives with the exact payload bytes and the sender's name")
  void sendDelivers() throws Exception {
    BusClient a = client("c.alice");
    BusClient b = client("c.bob");
    byte[] payload = {0, 1, 0, (byte) 0xFF, 'x', 0};
    assertOk(a.send("c.bob", payload, Qos.PROCESSED));
    Frame f = next(b);
    assertFrame(f, FrameKind.MESSAGE, "c.alice", null, payload);
    assertEquals("c.alice", f.primarySender());
    assertEquals(payload.length, f.payloadLength());
    assertFalse(f.isRealtime());
  }

  @Test
  @DisplayName("an empty payload is delivered as an empty payload")
  void emptyPayload() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    assertOk(a.send("b", new byte[0], Qos.PROCESSED));
    assertFrame(next(b), FrameKind.MESSAGE, "a", null, new byte[0]);
  }

  @Test
  @DisplayName("a message to an absent name is confirmed with 71 (PROCESSED and REALTIME_PROCESSED)")
  void sendToAbsentName() throws Exception {
    BusClient a = client("a");
    assertEquals(ResultCode.NOT_REGISTERED, a.send("nobody", bytes("x"), Qos.PROCESSED).await());
    assertEquals(ResultCode.NOT_REGISTERED,
        a.send("nobody", bytes("x"), Qos.REALTIME_PROCESSED).await());
    BusException e = assertThrows(BusException.class,
        () -> a.send("nobody", bytes("x"), Qos.PROCESSED).check());
    assertEquals(ResultCode.NOT_REGISTERED, e.code());
  }

  @Test
  @DisplayName("a client receives its own direct message")
  void sendToSelf() throws Exception {
    BusClient a = client("a");
    assertOk(a.send("a", bytes("me"), Qos.PROCESSED));
    assertFrame(next(a), FrameKind.MESSAGE, "a", null, bytes("me"));
  }

  @Test
  @DisplayName("frames from one sender arrive in the order sent, across QoS and op types")
  void orderPreserved() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    assertOk(b.subscribe("ord", Qos.PROCESSED));
    Qos[] qos = Qos.values();
    for (int i = 0; i < 200; i++) {
      byte[] p = bytes(Integer.toString(i));
      if (i % 3 == 0) {
        a.publish("ord", p, qos[i % 4]);
      } else {
        a.send("b", p, qos[i % 4]);
      }
    }
    for (int i = 0; i < 200; i++) {
      Frame f = next(b);
      assertEquals(Integer.toString(i), new String(f.payload(), UTF_8));
      assertEquals(i % 3 == 0 ? FrameKind.PUBLICATION : FrameKind.MESSAGE, f.kind());
    }
  }

  @Test
  @DisplayName("broadcast masks reach exactly the matching names (a.* and ?.b)")
  void broadcastMasks() throws Exception {
    BusClient s = client("s");
    BusClient ga = client("g.a");
    BusClient gb = client("g.b");
    BusClient gbc = client("g.b.c");
    BusClient xb = client("x.b");
    assertOk(s.broadcast("g.*", bytes("one"), Qos.PROCESSED));
    for (BusClient c : List.of(ga, gb, gbc)) {
      assertFrame(next(c), FrameKind.BROADCAST, "s", null, bytes("one"));
    }
    assertNothingFrom(s, xb);

    assertOk(s.broadcast("?.b", bytes("two"), Qos.PROCESSED));
    for (BusClient c : List.of(gb, xb)) {
      assertFrame(next(c), FrameKind.BROADCAST, "s", null, bytes("two"));
    }
    assertNothingFrom(s, ga);
    assertNothingFrom(s, gbc);
  }

  @Test
  @DisplayName("a broadcast that matches nobody is confirmed OK")
  void broadcastToNobody() throws Exception {
    BusClient s = client("s");
    assertOk(s.broadcast("none.*", bytes("x"), Qos.PROCESSED));
  }

  @Test
  @DisplayName("subscribe delivers matching publications with their topic; unsubscribe stops them")
  void publishSubscribe() throws Exception {
    BusClient pub = client("pub");
    BusClient sub = client("sub");
    assertOk(sub.subscribe("news/#", Qos.PROCESSED));
    assertOk(pub.publish("news/a", bytes("A"), Qos.PROCESSED));
    assertFrame(next(sub), FrameKind.PUBLICATION, "pub", "news/a", bytes("A"));
    assertOk(pub.publish("news", bytes("parent"), Qos.PROCESSED));
    assertNothingFrom(pub, sub);

    assertOk(sub.unsubscribe("news/#", Qos.PROCESSED));
    assertOk(pub.publish("news/b", bytes("B"), Qos.PROCESSED));
    assertNothingFrom(pub, sub);
  }

  @Test
  @DisplayName("bulk subscribe and unsubscribe act on every mask of the list")
  void bulkSubscribe() throws Exception {
    BusClient pub = client("pub");
    BusClient sub = client("sub");
    assertOk(sub.subscribe(List.of("t/1", "t/2", "t/+/x"), Qos.PROCESSED));
    for (String topic : List.of("t/1", "t/2", "t/9/x")) {
      assertOk(pub.publish(topic, bytes(topic), Qos.PROCESSED));
      assertFrame(next(sub), FrameKind.PUBLICATION, "pub", topic, bytes(topic));
    }
    assertOk(sub.unsubscribe(List.of("t/1", "t/+/x"), Qos.PROCESSED));
    assertOk(pub.publish("t/1", bytes("gone"), Qos.PROCESSED));
    assertOk(pub.publish("t/9/x", bytes("gone"), Qos.PROCESSED));
    assertOk(pub.publish("t/2", bytes("kept"), Qos.PROCESSED));
    assertFrame(next(sub), FrameKind.PUBLICATION, "pub", "t/2", bytes("kept"));
  }

  @Test
  @DisplayName("a publisher subscribed to its own topic receives its publication")
  void publishToSelf() throws Exception {
    BusClient a = client("a");
    assertOk(a.subscribe("self", Qos.PROCESSED));
    assertOk(a.publish("self", bytes("echo"), Qos.PROCESSED));
    assertFrame(next(a), FrameKind.PUBLICATION, "a", "self", bytes("echo"));
  }

  @Test
  @DisplayName("exclude hides matching topics from a subscriber; unexclude brings them back")
  void excludeUnexclude() throws Exception {
    BusClient pub = client("pub");
    BusClient sub = client("sub");
    assertOk(sub.subscribe("e/#", Qos.PROCESSED));
    assertOk(sub.exclude(List.of("e/x", "e/z/#"), Qos.PROCESSED));
    assertOk(pub.publish("e/x", bytes("x"), Qos.PROCESSED));
    assertOk(pub.publish("e/z/1", bytes("z"), Qos.PROCESSED));
    assertOk(pub.publish("e/y", bytes("y"), Qos.PROCESSED));
    assertFrame(next(sub), FrameKind.PUBLICATION, "pub", "e/y", bytes("y"));

    assertOk(sub.unexclude("e/x", Qos.PROCESSED));
    assertOk(pub.publish("e/z/1", bytes("z"), Qos.PROCESSED));
    assertOk(pub.publish("e/x", bytes("x"), Qos.PROCESSED));
    assertFrame(next(sub), FrameKind.PUBLICATION, "pub", "e/x", bytes("x"));
  }

  @Test
  @DisplayName("an exclusion does not affect direct messages")
  void exclusionLeavesMessages() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    assertOk(b.exclude("#", Qos.PROCESSED));
    assertOk(a.send("b", bytes("direct"), Qos.PROCESSED));
    assertFrame(next(b), FrameKind.MESSAGE, "a", null, bytes("direct"));
  }

  @Test
  @DisplayName("publishFor reaches the receiver's primary and secondaries that subscribe, no one else")
  void publishFor() throws Exception {
    BusClient pub = client("pub");
    BusClient p = client("p");
    BusClient p0 = secondaryOf(p);
    BusClient q = client("q");
    for (BusClient c : List.of(p, p0, q)) {
      assertOk(c.subscribe("pf/t", Qos.PROCESSED));
    }
    assertOk(pub.publishFor("pf/t", "p", bytes("for p"), Qos.PROCESSED));
    assertFrame(next(p), FrameKind.PUBLICATION, "pub", "pf/t", bytes("for p"));
    assertFrame(next(p0), FrameKind.PUBLICATION, "pub", "pf/t", bytes("for p"));
    assertNothingFrom(pub, q);

    assertOk(pub.publishFor("pf/t", p0.name(), bytes("for nobody"), Qos.PROCESSED));
    assertNothingFrom(pub, p);
    assertNothingFrom(pub, p0);
  }

  @Test
  @DisplayName("secondaries are named <name>%%0, %%1 … and cannot create secondaries")
  void secondaryNaming() throws Exception {
    BusClient p = client("prim");
    BusClient s0 = secondaryOf(p);
    BusClient s1 = secondaryOf(p);
    assertEquals("prim%%0", s0.name());
    assertEquals("prim%%1", s1.name());
    assertTrue(s0.isConnected());
    BusException e = assertThrows(BusException.class, s0::registerSecondary);
    assertEquals(ResultCode.NOT_SUPPORTED, e.code());
  }

  @Test
  @DisplayName("a secondary is addressed by its full name and sends under it")
  void secondaryAddressing() throws Exception {
    BusClient p = client("prim");
    BusClient s0 = secondaryOf(p);
    BusClient other = client("other");
    assertOk(other.send("prim%%0", bytes("to s0"), Qos.PROCESSED));
    assertFrame(next(s0), FrameKind.MESSAGE, "other", null, bytes("to s0"));
    assertNothingFrom(other, p);

    assertOk(s0.send("other", bytes("from s0"), Qos.PROCESSED));
    Frame f = next(other);
    assertFrame(f, FrameKind.MESSAGE, "prim%%0", null, bytes("from s0"));
    assertEquals("prim", f.primarySender());
  }

  @Test
  @DisplayName("closing a primary ends its secondaries")
  void primaryCloseEndsSecondaries() throws Exception {
    BusClient p = client("prim");
    BusClient s0 = secondaryOf(p);
    p.close();
    assertThrows(ClientClosedException.class, () -> s0.receive(WAIT));
    assertFalse(s0.isConnected());
  }

  @Test
  @DisplayName("an interceptor takes the frames it accepts before receive sees them, in order; "
      + "the rest are queued as usual")
  void intercept() throws InterruptedException {
    BusClient a = client("a");
    BusClient b = client("b");
    List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
    b.intercept(f -> {
      String text = new String(f.payload(), UTF_8);
      return text.startsWith("take") && taken.add(text);
    });
    for (String text : List.of("take1", "keep1", "take2", "keep2")) {
      assertOk(a.send("b", text.getBytes(UTF_8), Qos.PROCESSED));
    }
    assertArrayEquals("keep1".getBytes(UTF_8), next(b).payload());
    assertArrayEquals("keep2".getBytes(UTF_8), next(b).payload());
    assertEquals(List.of("take1", "take2"), taken);
    b.intercept(null);
    assertOk(a.send("b", "take3".getBytes(UTF_8), Qos.PROCESSED));
    assertArrayEquals("take3".getBytes(UTF_8), next(b).payload());
  }

  @Test
  @DisplayName("receive(timeout) returns null when nothing arrives in time")
  void receiveTimeout() throws Exception {
    BusClient a = client("a");
    assertNull(a.receive(Duration.ZERO));
    long start = System.nanoTime();
    assertNull(a.receive(Duration.ofMillis(200)));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos(),
        "receive returned before its timeout");
    assertTrue(a.isConnected());
  }

  @Test
  @DisplayName("after close, receive and operations throw ClientClosedException; close is idempotent")
  void closedClient() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    assertTrue(a.isConnected());
    a.close();
    a.close();
    assertFalse(a.isConnected());
    assertThrows(ClientClosedException.class, a::receive);
    assertThrows(ClientClosedException.class, () -> a.receive(Duration.ofMillis(100)));
    assertThrows(ClientClosedException.class, () -> a.send("b", bytes("x"), Qos.NO));
    assertThrows(ClientClosedException.class, () -> a.subscribe("t", Qos.PROCESSED));
    assertThrows(ClientClosedException.class, a::registerSecondary);
    awaitUnregistered("a");
    assertEquals(ResultCode.NOT_REGISTERED, b.send("a", bytes("x"), Qos.PROCESSED).await(WAIT));
  }

  @Test
  @DisplayName("close wakes a receive blocked on another thread with ClientClosedException")
  void closeWakesReceiver() throws Exception {
    BusClient a = client("a");
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Frame> blocked = pool.submit(() -> a.receive());
      Thread.sleep(50); // let it block; if it has not yet, it finds the client closed either way
      a.close();
      ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(5, SECONDS));
      assertInstanceOf(ClientClosedException.class, e.getCause());
    }
  }

  @Test
  @DisplayName("a closed name can be registered again")
  void reconnectAfterClose() throws Exception {
    client("again").close();
    awaitUnregistered("again");
    BusClient b = client("again");
    assertOk(b.send("again", bytes("x"), Qos.PROCESSED));
    assertFrame(next(b), FrameKind.MESSAGE, "again", null, bytes("x"));
  }

  @Test
  @DisplayName("the real-time flag of delivered frames follows the sender's QoS")
  void realtimeFlag() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    assertOk(b.subscribe("rt", Qos.PROCESSED));
    for (Qos qos : Qos.values()) {
      assertOk(a.send("b", bytes("m"), qos));
      assertEquals(qos.isRealtime(), next(b).isRealtime(), "message with " + qos);
      assertOk(a.publish("rt", bytes("p"), qos));
      assertEquals(qos.isRealtime(), next(b).isRealtime(), "publication with " + qos);
      assertOk(a.broadcast("b", bytes("b"), qos));
      assertEquals(qos.isRealtime(), next(b).isRealtime(), "broadcast with " + qos);
    }
  }

  @Test
  @DisplayName("every operation is confirmed OK with each QoS")
  void confirmations() throws Exception {
    BusClient a = client("a");
    client("b");
    for (Qos qos : Qos.values()) {
      List<Confirmation> all = List.of(
          a.send("b", bytes("x"), qos),
          a.broadcast("b", bytes("x"), qos),
          a.publish("t", bytes("x"), qos),
          a.publishFor("t", "b", bytes("x"), qos),
          a.subscribe("t", qos),
          a.subscribe(List.of("u", "v"), qos),
          a.exclude("w", qos),
          a.unexclude("w", qos),
          a.unsubscribe(List.of("t", "u", "v"), qos));
      for (Confirmation c : all) {
        assertEquals(ResultCode.OK, c.await(WAIT), "with " + qos);
        assertTrue(c.isDone());
      }
    }
  }

  @Test
  @DisplayName("concurrent senders on virtual threads share one client without mixing frames")
  void concurrentVirtualThreads() throws Exception {
    BusClient a = client("a");
    BusClient b = client("b");
    int threads = 40;
    int each = 25;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            assertOk(a.send("b", bytes(thread + ":" + i), Qos.PROCESSED));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    int[] seen = new int[threads];
    for (int n = 0; n < threads * each; n++) {
      String[] p = new String(next(b).payload(), UTF_8).split(":");
      int thread = Integer.parseInt(p[0]);
      assertEquals(seen[thread]++, Integer.parseInt(p[1]), "order of thread " + thread);
    }
    int[] expected = new int[threads];
    Arrays.fill(expected, each);
    assertArrayEquals(expected, seen);
  }
}

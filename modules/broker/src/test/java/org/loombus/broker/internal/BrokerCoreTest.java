package org.loombus.broker.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.BrokerShutdownException;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/** The broker's life cycle and bookkeeping, driven by in-process clients through the public API. */
@DisplayName("BrokerCore with in-process clients")
class BrokerCoreTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
  private static final Duration LIVENESS = Duration.ofSeconds(10);
  private Broker broker;

  private BrokerHandle start(Consumer<BrokerConfig.Builder> settings) {
    BrokerConfig.Builder b = BrokerConfig.builder();
    settings.accept(b);
    broker = Broker.create(b.build());
    return broker.handle();
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private static ClientInfo info(BrokerHandle h, String name) {
    return h.clients().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("§5.3 r_ counts every accepted frame with its body length; w_ every queued delivery"
      + " with the sender's count")
  void statistics() throws InterruptedException {
    BrokerHandle h = start(b -> b.coreClient(false));
    BusClient a = h.register("a");
    BusClient b = h.register("b");

    // body "b 00 hi" = 4 bytes; delivered to b
    assertEquals(ResultCode.OK, a.send("b", utf8("hi"), Qos.PROCESSED).await());
    // body "é 00 hi" = 5 bytes (é is two UTF-8 bytes); nobody to deliver to
    assertEquals(ResultCode.NOT_REGISTERED, a.send("\u00e9", utf8("hi"), Qos.PROCESSED).await());
    // body "t1 00 t2" = 5 bytes
    b.subscribe(List.of("t1", "t2"), Qos.PROCESSED).check();
    // body "t1 00 xyz" = 6 bytes; delivered to b
    a.publish("t1", utf8("xyz"), Qos.PROCESSED).check();
    // body "t2 00 b 00 q" = 6 bytes; delivered to b
    a.publishFor("t2", "b", utf8("q"), Qos.PROCESSED).check();
    // body "* 00 !" = 3 bytes; delivered to a and b
    b.broadcast("*", utf8("!"), Qos.PROCESSED).check();

    BrokerStatistics s = h.statistics();
    assertEquals(6, s.rFrames());
    assertEquals(4 + 5 + 5 + 6 + 6 + 3, s.rBytes());
    assertEquals(5, s.wFrames());
    assertEquals(4 + 6 + 6 + 3 + 3, s.wBytes());
    assertEquals(2, s.clients());
    assertEquals(0, s.droppedFrames());

    ClientInfo ia = info(h, "a");
    assertEquals(List.of(4L, 4L + 5 + 6 + 6, 1L, 3L),
        List.of(ia.rFrames(), ia.rBytes(), ia.wFrames(), ia.wBytes()));
    ClientInfo ib = info(h, "b");
    assertEquals(List.of(2L, 5L + 3, 4L, 4L + 6 + 6 + 3),
        List.of(ib.rFrames(), ib.rBytes(), ib.wFrames(), ib.wBytes()));
    assertEquals(4, ib.queue());
    assertEquals(1, ia.queue());

    assertFrame(b.receive(), FrameKind.MESSAGE, "a", null, "hi");
    assertFrame(b.receive(), FrameKind.PUBLICATION, "a", "t1", "xyz");
    assertFrame(b.receive(), FrameKind.PUBLICATION, "a", "t2", "q");
    assertFrame(b.receive(), FrameKind.BROADCAST, "b", null, "!");
    assertEquals(0, info(h, "b").queue());
  }

  private static void assertFrame(Frame f, FrameKind kind, String sender, String topic, String payload) {
    assertEquals(kind, f.kind(), f::toString);
    assertEquals(sender, f.sender());
    assertEquals(topic, f.topic());
    assertArrayEquals(utf8(payload), f.payload());
  }

  @Test
  @DisplayName("§5.4 clients() lists primaries only, sorted by UTF-8 bytes, with their instances")
  void clientList() {
    BrokerHandle h = start(b -> {});
    // U+1F600 sorts after U+FF21 as UTF-8 bytes (F0 > EF) but before it as UTF-16 (D83D < FF21)
    for (String n : new String[] {"b", "\uD83D\uDE00", "c", "\uFF21"}) {
      h.register(n);
    }
    BusClient a = h.register("a");
    a.registerSecondary();
    a.registerSecondary();
    List<ClientInfo> list = h.clients();
    assertEquals(List.of(".broker", "a", "b", "c", "\uFF21", "\uD83D\uDE00"),
        list.stream().map(ClientInfo::name).toList());
    assertEquals(List.of(1, 3, 1, 1, 1, 1), list.stream().map(ClientInfo::instances).toList());
    for (ClientInfo c : list) {
      assertEquals(ClientKind.INTERNAL, c.kind());
      assertNull(c.source());
      assertNull(c.port());
    }
    assertEquals(8, h.statistics().clients());
  }

  @Test
  @DisplayName("secondaries are named primary%%0, %%1 ...; a secondary cannot make more (75)")
  void secondaryNames() {
    BrokerHandle h = start(b -> b.coreClient(false));
    BusClient a = h.register("a");
    BusClient s0 = a.registerSecondary();
    assertEquals("a%%0", s0.name());
    assertEquals("a%%1", a.registerSecondary().name());
    BusException e = assertThrows(BusException.class, s0::registerSecondary);
    assertEquals(ResultCode.NOT_SUPPORTED, e.code());
  }

  @Test
  @DisplayName("register reports BUSY (76) for a taken name and 71 for a secondary without primary")
  void registerErrors() {
    BrokerHandle h = start(b -> b.coreClient(false));
    h.register("a");
    assertEquals(ResultCode.BUSY, assertThrows(BusException.class, () -> h.register("a")).code());
    assertEquals(ResultCode.NOT_REGISTERED,
        assertThrows(BusException.class, () -> h.register("q%%1")).code());
  }

  @Test
  @DisplayName("C103 force-disconnect: 71 for an unknown name, 75 for an in-process client")
  void forceDisconnectErrors() {
    BrokerHandle h = start(b -> {});
    BusClient a = h.register("a");
    BusClient s = a.registerSecondary();
    assertEquals(ResultCode.NOT_REGISTERED,
        assertThrows(BusException.class, () -> h.forceDisconnect("nobody")).code());
    assertEquals(ResultCode.NOT_SUPPORTED,
        assertThrows(BusException.class, () -> h.forceDisconnect("a")).code());
    assertEquals(ResultCode.NOT_SUPPORTED,
        assertThrows(BusException.class, () -> h.forceDisconnect(s.name())).code());
    assertEquals(ResultCode.NOT_SUPPORTED,
        assertThrows(BusException.class, () -> h.forceDisconnect(".broker")).code());
    assertTrue(a.isConnected());
    assertTrue(s.isConnected());
    assertEquals(0, h.statistics().forcedDisconnects());
  }

  @Test
  @DisplayName("shutdown makes a receive blocked in another thread throw BrokerShutdownException")
  void shutdownReleasesReceive() throws Exception {
    BrokerHandle h = start(b -> b.coreClient(false));
    BusClient c = h.register("c");
    CompletableFuture<Object> outcome = receiveInThread(c);
    h.shutdown();
    assertInstanceOf(BrokerShutdownException.class,
        outcome.get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
    assertTrue(h.isShutdown());
    assertFalse(c.isConnected());
    assertThrows(BrokerShutdownException.class, () -> c.send("c", new byte[0], Qos.NO));
    assertThrows(BrokerShutdownException.class, () -> c.receive(Duration.ofMillis(1)));
    assertEquals(ResultCode.NOT_SUPPORTED,
        assertThrows(BusException.class, () -> h.register("late")).code());
  }

  @Test
  @DisplayName("C96 with .broker, a blocked receive first gets the shutdown warning, then the exception")
  void shutdownWarning() throws Exception {
    BrokerHandle h = start(b -> {});
    BusClient c = h.register("c");
    CompletableFuture<Object> outcome = receiveInThread(c);
    h.shutdown();
    Frame f = assertInstanceOf(Frame.class, outcome.get(LIVENESS.toSeconds(), TimeUnit.SECONDS));
    assertEquals(".broker", f.sender());
    assertEquals(".broker/warn", f.topic());
    // {"s":"shutdown","t":<CF + 8 bytes>}: no "d" key
    byte[] p = f.payload();
    assertEquals("82 A1 73 A8 73 68 75 74 64 6F 77 6E A1 74 CF", HEX.formatHex(p, 0, 15));
    assertEquals(23, p.length);
    assertThrows(BrokerShutdownException.class, c::receive);
  }

  /** Starts a thread blocked in {@code receive}; the future gets the frame or the exception. */
  private static CompletableFuture<Object> receiveInThread(BusClient c)
      throws InterruptedException {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread t = Thread.ofPlatform().daemon().start(() -> {
      try {
        outcome.complete(c.receive());
      } catch (InterruptedException | RuntimeException e) {
        outcome.complete(e);
      }
    });
    long deadline = System.nanoTime() + LIVENESS.toNanos();
    while (t.getState() != Thread.State.WAITING) {
      assertTrue(System.nanoTime() < deadline, "receiver never blocked");
      Thread.sleep(1);
    }
    return outcome;
  }

  @Test
  @DisplayName("a full in-process queue: after waiting T the send gets 77, the frame counts as dropped,"
      + " the receiver stays")
  void fullInProcessQueue() throws InterruptedException {
    BrokerHandle h = start(b -> b.coreClient(false).queueSize(2).timeout(Duration.ofMillis(100)));
    BusClient a = h.register("a");
    BusClient b = h.register("b");
    assertEquals(ResultCode.OK, a.send("b", utf8("1"), Qos.PROCESSED).await());
    assertEquals(ResultCode.OK, a.send("b", utf8("2"), Qos.PROCESSED).await());
    assertEquals(ResultCode.NOT_DELIVERED, a.send("b", utf8("3"), Qos.PROCESSED).await());

    BrokerStatistics s = h.statistics();
    assertEquals(1, s.droppedFrames());
    assertEquals(0, s.forcedDisconnects());
    assertEquals(3, s.wFrames(), "§5.3: counted as written once the target exists");
    assertTrue(b.isConnected());
    assertArrayEquals(utf8("1"), b.receive().payload());
    assertArrayEquals(utf8("2"), b.receive().payload());
    assertNull(b.receive(Duration.ofMillis(20)));
    assertEquals(ResultCode.OK, a.send("b", utf8("4"), Qos.PROCESSED).await());
    assertArrayEquals(utf8("4"), b.receive().payload());
  }
}

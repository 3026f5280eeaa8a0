package org.loombus.broker.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.route.FakeClient;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Ops;

/**
 * Routing to socket-client outboxes (docs/protocol.md §3.2, §3.3, §3.9), with recording outboxes
 * standing in for socket writers so that a full queue can be produced exactly.
 */
@DisplayName("Router to socket clients")
class RouterTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
  private BrokerCore core;
  private final List<ClientEntry> scratch = new ArrayList<>();

  @BeforeEach
  void start() {
    core = new BrokerCore(BrokerConfig.builder().build());
  }

  @AfterEach
  void stop() {
    core.shutdown();
  }

  private FakeClient registered(FakeClient c) {
    assertEquals(ResultCode.OK, core.register(c.entry));
    return c;
  }

  private int message(FakeClient from, String target, String payload) {
    byte[] p = payload.getBytes(UTF_8);
    return core.router().message(from.entry, target, p, 0, p.length, false, p.length);
  }

  private int broadcast(FakeClient from, String mask, String payload) {
    byte[] p = payload.getBytes(UTF_8);
    return core.router().broadcast(from.entry, mask, p, 0, p.length, false, p.length, scratch);
  }

  private int publish(FakeClient from, String topic, String payload) {
    byte[] src = (topic + payload).getBytes(UTF_8);
    int t = topic.getBytes(UTF_8).length;
    return core.router().publish(from.entry, topic, null, src, 0, t, t, src.length - t, false,
        src.length, scratch);
  }

  @Test
  @DisplayName("C36 a MESSAGE becomes one kind-12 frame carrying the sender's name")
  void message() {
    FakeClient c1 = registered(FakeClient.socket("c1"));
    FakeClient c2 = registered(FakeClient.socket("c2"));
    assertEquals(ResultCode.OK, message(c1, "c2", "hi"));
    assertEquals(1, c2.outbox.frames.size());
    assertEquals("12 05 00 00 00 00 63 31 00 68 69", HEX.formatHex(c2.outbox.frames.get(0)));
    assertEquals(List.of(), c1.outbox.frames);
  }

  @Test
  @DisplayName("C45/C48 a MESSAGE to an absent or wildcard name delivers nothing and returns 71")
  void messageToAbsent() {
    FakeClient c1 = registered(FakeClient.socket("c1"));
    FakeClient ab = registered(FakeClient.socket("a.b"));
    assertEquals(ResultCode.NOT_REGISTERED, message(c1, "c9", "hi"));
    assertEquals(ResultCode.NOT_REGISTERED, message(c1, "a.*", "hi"));
    assertEquals(List.of(), ab.outbox.frames);
  }

  @Test
  @DisplayName("C40 a broadcast hands every matching client, the sender included, the same frame")
  void broadcastSharesOneFrame() {
    FakeClient w1 = registered(FakeClient.socket("w.1"));
    FakeClient w2 = registered(FakeClient.socket("w.2"));
    FakeClient x = registered(FakeClient.socket("x"));
    assertEquals(ResultCode.OK, broadcast(w1, "w.*", "!"));
    assertEquals(1, w1.outbox.frames.size());
    assertEquals("13 05 00 00 00 00 77 2E 31 00 21", HEX.formatHex(w1.outbox.frames.get(0)));
    assertSame(w1.outbox.frames.get(0), w2.outbox.frames.get(0));
    assertEquals(List.of(), x.outbox.frames);
    assertTrue(scratch.isEmpty(), "the scratch list is left empty for the next operation");
  }

  @Test
  @DisplayName("C72 a MESSAGE to a socket client with a full queue returns 77 and disconnects the"
      + " target, announcing unreg")
  void fullSocketQueueOnMessage() throws InterruptedException {
    BusClient observer = core.registerInProcess("observer", null);
    observer.subscribe(Announcements.INFO_TOPIC, Qos.NO);
    FakeClient sender = registered(FakeClient.socket("sender"));
    FakeClient slow = registered(FakeClient.socket("slow", 0));
    awaitReg(observer, "slow"); // announcements are published on the broker's announcer thread

    assertEquals(ResultCode.NOT_DELIVERED, message(sender, "slow", "hi"));

    assertTrue(core.connection("slow").isEmpty() && !core.isRegistered(slow.entry));
    assertTrue(slow.outbox.isClosed());
    assertEquals(1, slow.detached.size());
    assertTrue(core.isRegistered(sender.entry));
    assertEquals(List.of(), sender.detached);
    assertEquals(1, core.statistics().droppedFrames());
    assertEquals(1, core.statistics().forcedDisconnects());
    Frame unreg = observer.receive(Duration.ofSeconds(10));
    assertNotNull(unreg);
    // {"s":"unreg","d":"slow",...}
    assertEquals("83 A1 73 A5 75 6E 72 65 67 A1 64 A4 73 6C 6F 77 A1 74 CF",
        HEX.formatHex(unreg.payload(), 0, 19));
  }

  @Test
  @DisplayName("C73 a publication skips and disconnects a full socket subscriber; the others get it,"
      + " the result is OK")
  void fullSocketQueueOnPublish() {
    FakeClient pub = registered(FakeClient.socket("pub"));
    FakeClient slow = registered(FakeClient.socket("slow", 0));
    FakeClient fast = registered(FakeClient.socket("fast"));
    core.router().subscription(slow.entry, Ops.SUBSCRIBE, List.of("t"));
    core.router().subscription(fast.entry, Ops.SUBSCRIBE, List.of("t"));

    assertEquals(ResultCode.OK, publish(pub, "t", "x"));

    assertEquals(1, fast.outbox.frames.size());
    assertEquals("01 07 00 00 00 00 70 75 62 00 74 00 78",
        HEX.formatHex(fast.outbox.frames.get(0)));
    assertFalse(core.isRegistered(slow.entry));
    assertEquals(1, slow.detached.size());
    assertEquals(List.of(), pub.detached);
  }

  @Test
  @DisplayName("a full socket primary takes its secondaries with it")
  void overflowRemovesSecondaries() {
    FakeClient sender = registered(FakeClient.socket("sender"));
    FakeClient p = registered(FakeClient.socket("p", 0));
    FakeClient s = registered(FakeClient.socket("p%%0"));
    assertEquals(ResultCode.NOT_DELIVERED, message(sender, "p", "hi"));
    assertFalse(core.isRegistered(s.entry));
    assertTrue(s.outbox.isClosed());
    assertEquals(1, s.detached.size());
    assertEquals(1, p.detached.size());
  }

  /** Reads announcements until the registration of {@code name}, the last one made. */
  private static void awaitReg(BusClient c, String name) throws InterruptedException {
    byte[] tail = ("reg" + (char) 0xA1 + "d" + (char) (0xA0 | name.length()) + name)
        .getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      Frame f = c.receive(Duration.ofSeconds(10));
      assertNotNull(f, "no registration of " + name);
      if (HEX.formatHex(f.payload()).contains(HEX.formatHex(tail))) {
        return;
      }
    }
  }
}

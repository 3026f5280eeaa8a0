package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.RawRpc.BROKER;
import static org.loombus.conformance.RawRpc.MESSAGE_QOS1;
import static org.loombus.conformance.RawRpc.MESSAGE_QOS3;
import static org.loombus.conformance.RawRpc.join;
import static org.loombus.conformance.RawRpc.utf8;
import static org.loombus.testkit.RawClient.hex;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.service.CoreRpc;
import org.loombus.rpc.RpcEvent;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Checklist C79–C92: the broker's own RPC peer {@code .broker} (docs/protocol.md §5.1–§5.4), byte
 * by byte.
 */
class CoreRpcConformanceTest {
  private static final byte[] OK_TRUE = hex("81 A2 6F 6B C3");
  private static final Duration QUIET = Duration.ofMillis(200);
  private TestBroker broker;

  @BeforeEach
  void start() {
    // T = 5 s: no test here depends on T, and raw clients need not ping.
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  @DisplayName("C79 test with empty params answers 11 id 81 A2 6F 6B C3")
  void testMethod() {
    try (RawClient c = broker.registerUnix("c1");
        RawClient t = broker.registerTcp("t1")) {
      c.send(9, MESSAGE_QOS1, hex("2E 62 72 6F 6B 65 72 00 01 07 00 00 00 74 65 73 74 00"));
      assertArrayEquals(
          hex("12 12 00 00 00 00 2E 62 72 6F 6B 65 72 00 11 07 00 00 00 81 A2 6F 6B C3"),
          RawRpc.ackAndFrame(c, 9));

      RawRpc.send(t, 0xAABBCCDD, MESSAGE_QOS1, 0xFFFFFFFF, "test", new byte[0]);
      assertArrayEquals(
          hex("12 12 00 00 00 00 2E 62 72 6F 6B 65 72 00 11 FF FF FF FF 81 A2 6F 6B C3"),
          RawRpc.ackAndFrame(t, 0xAABBCCDD));
    }
  }

  @Test
  @DisplayName("C80 test, info and stats with params answer 12 id A6 80 and no data")
  void paramsRefused() {
    try (RawClient c = broker.registerUnix("c1")) {
      int frame = 1;
      for (String method : List.of("test", "info", "stats")) {
        for (byte[] params : List.of(hex("80"), hex("C0"), hex("00"))) {
          RawRpc.send(c, frame, MESSAGE_QOS1, 40 + frame, method, params);
          // -32602 is A6 80 in i16 LE.
          assertArrayEquals(RawRpc.fromBroker(RawRpc.error(40 + frame, -32602), false),
              RawRpc.ackAndFrame(c, frame), method + " with " + hex(params));
          frame++;
        }
      }
    }
  }

  @Test
  @DisplayName("C81 info answers a 2-key map author, version of strings")
  void info() {
    try (RawClient c = broker.registerUnix("c1")) {
      MsgPackReader r = new MsgPackReader(RawRpc.call(c, 1, 2, "info", new byte[0]));
      assertEquals(2, r.map());
      r.key("author");
      assertFalse(r.str().isEmpty());
      r.key("version");
      assertFalse(r.str().isEmpty());
      r.end();
    }
  }

  @Test
  @DisplayName("C82 stats answers uptime, r_frames, r_bytes, w_frames, w_bytes as unsigned ints")
  void stats() {
    try (RawClient c = broker.registerUnix("c1")) {
      long[] first = stats(c, 1);
      long[] second = stats(c, 2);
      // The calls themselves are frames the broker read and wrote.
      assertTrue(first[1] >= 1 && first[3] >= 1, Arrays.toString(first));
      assertTrue(second[1] > first[1] && second[2] > first[2], Arrays.toString(second));
      assertTrue(second[3] > first[3] && second[4] > first[4], Arrays.toString(second));
    }
  }

  private static long[] stats(RawClient c, int id) {
    MsgPackReader r = new MsgPackReader(RawRpc.call(c, id, id, "stats", new byte[0]));
    assertEquals(5, r.map());
    long[] v = new long[5];
    String[] keys = {"uptime", "r_frames", "r_bytes", "w_frames", "w_bytes"};
    for (int i = 0; i < keys.length; i++) {
      r.key(keys[i]);
      v[i] = r.uint();
    }
    r.end();
    return v;
  }

  @Test
  @DisplayName("C83 client.list lists primaries sorted by byte order, 10 keys each, .broker internal")
  void clientList() {
    String high = "x\uFFFD"; // UTF-8 EF BF BD: before the emoji in byte order, after it in UTF-16
    String emoji = "x\uD83D\uDE00";
    try (RawClient c = broker.registerUnix("c1");
        RawClient alpha = broker.registerUnix("alpha");
        RawClient alpha1 = broker.registerUnix("alpha%%1");
        RawClient zed = broker.registerTcp("Zed");
        RawClient e = broker.registerUnix(emoji);
        RawClient h = broker.registerUnix(high)) {
      List<Entry> list = clientList(c, 1, new byte[0]);
      assertEquals(List.of(BROKER, "Zed", "alpha", "c1", high, emoji),
          list.stream().map(Entry::name).toList());
      Entry core = list.get(0);
      assertEquals("internal", core.kind);
      assertNull(core.source);
      assertNull(core.port);
      assertEquals(1, core.instances);
      assertEquals(0, core.queue);
      Entry a = list.get(2);
      assertEquals("local_ipc", a.kind);
      assertEquals(broker.socketPath().toString(), a.port);
      assertEquals(2, a.instances);
      assertEquals("tcp", list.get(1).kind);
      for (Entry x : list.subList(3, 6)) {
        assertEquals("local_ipc", x.kind, x.name);
        assertEquals(1, x.instances, x.name);
      }
    }
  }

  @Test
  @DisplayName("C84 client.list filter is an unanchored regex over primary names")
  void clientListFilter() {
    try (RawClient c = broker.registerUnix("c1");
        RawClient t1 = broker.registerUnix("test1");
        RawClient at = broker.registerUnix("atest");
        RawClient tx = broker.registerUnix("te.x");
        RawClient tx1 = broker.registerUnix("te.x%%1");
        RawClient o = broker.registerUnix("other")) {
      assertEquals(List.of("te.x", "test1"), names(c, 1, filter("^te")));
      assertEquals(List.of("atest", "test1"), names(c, 2, filter("es")));
      // One-element array form, nil filter and unknown keys, as the reference decodes them.
      assertEquals(List.of("te.x", "test1"), names(c, 3, join(hex("91 A3"), utf8("^te"))));
      assertEquals(List.of(BROKER, "atest", "c1", "other", "te.x", "test1"),
          names(c, 4, join(hex("81 A6"), utf8("filter"), hex("C0"))));
      assertEquals(List.of("other"),
          names(c, 5, join(hex("82 A1 78 01 A6"), utf8("filter"), hex("A2"), utf8("^o"))));
    }
  }

  @Test
  @DisplayName("C85 client.list with a bad regex or non-MessagePack params answers 44 80 and a message")
  void clientListParseError() {
    try (RawClient c = broker.registerUnix("c1")) {
      List<byte[]> bad = List.of(filter("("), hex("C1"), hex("C0"),
          join(hex("81 A6"), utf8("filter")), hex("A3 61 62"));
      int frame = 1;
      for (byte[] params : bad) {
        RawRpc.send(c, frame, MESSAGE_QOS1, 100 + frame, "client.list", params);
        byte[] reply = RawRpc.ackAndFrame(c, frame);
        int head = 6 + BROKER.length() + 1 + 7;
        assertTrue(reply.length > head, "no error message in " + hex(reply));
        byte[] data = Arrays.copyOfRange(reply, head, reply.length);
        // -32700 is 44 80 in i16 LE.
        assertArrayEquals(
            RawRpc.fromBroker(join(RawRpc.error(100 + frame, -32700), data), false), reply,
            "params " + hex(params));
        String message = strictUtf8(data);
        assertFalse(message.isBlank(), "error message for " + hex(params));
        frame++;
      }
    }
  }

  @Test
  @DisplayName("client.list with ((a+)+)+b, which backtracks without end in Java's own regex"
      + " engine, answers at once: the filter is searched without backtracking")
  void clientListFilterWithoutBacktracking() {
    try (RawClient c = broker.registerUnix("a".repeat(40))) {
      assertEquals(List.of(), names(c, 1, filter("((a+)+)+b")));
      assertEquals(List.of("a".repeat(40)), names(c, 2, filter("^a+$")));
    }
  }

  @Test
  @DisplayName("client.list whose search needs more than its budget answers 44 80 with the reason;"
      + " the caller is served on")
  void clientListFilterBudget() {
    // 60,000 positions, each with hundreds of live states: more than 10,000,000 steps
    try (RawClient c = broker.registerUnix("ab1".repeat(20_000))) {
      RawRpc.send(c, 1, MESSAGE_QOS1, 7, "client.list", filter("([a-z]|[0-9]){200}!"));
      byte[] reply = RawRpc.ackAndFrame(c, 1);
      int head = 6 + BROKER.length() + 1 + 7;
      byte[] data = Arrays.copyOfRange(reply, head, reply.length);
      assertArrayEquals(RawRpc.fromBroker(join(RawRpc.error(7, -32700), data), false), reply);
      assertEquals("invalid filter: the filter needs more than 10000000 steps", strictUtf8(data));
      assertEquals(List.of("ab1".repeat(20_000)), names(c, 2, filter("^ab1")));
    }
  }

  @Test
  @DisplayName("pipelined client.list calls beyond 4 of one client are answered busy (-32118) at"
      + " once; each call gets one answer, and the bus serves others meanwhile")
  void pipelinedClientListIsBounded() throws Exception {
    try (RawClient heavy = broker.registerUnix("ab1".repeat(20_000));
        RawClient a = broker.registerUnix("pair.a");
        RawClient b = broker.registerUnix("pair.b")) {
      byte[] slow = filter("([a-z]|[0-9]){200}!");
      for (int i = 1; i <= 50; i++) {
        RawRpc.send(heavy, i, 0x12, i, "client.list", slow); // QoS 0: only the replies come back
      }
      for (int i = 1; i <= 100; i++) {
        a.send(i, 0x52, "pair.b", "ping");
        assertArrayEquals(Checks.ack(i, 0x01), a.readFrameSkippingNops());
        b.readFrameSkippingNops();
      }
      int busy = 0;
      for (int i = 1; i <= 50; i++) {
        byte[] frame = heavy.readFrameSkippingNops();
        int kind = frame[6 + BROKER.length() + 1] & 0xFF;
        assertEquals(0x12, kind, "an RPC error for every call: " + RawClient.hex(frame));
        int code = (short) ((frame[6 + BROKER.length() + 1 + 5] & 0xFF)
            | (frame[6 + BROKER.length() + 1 + 6] & 0xFF) << 8);
        if (code == -32118) {
          busy++;
        } else {
          assertEquals(-32700, code, "over budget or busy");
        }
      }
      assertTrue(busy >= 1 && busy <= 46, busy + " busy answers");
      heavy.expectNothing(Duration.ofMillis(300));
    }
  }

  @Test
  @DisplayName("C86 benchmark.test echoes params byte for byte, also when empty")
  void benchmarkEcho() {
    try (RawClient c = broker.registerUnix("c1")) {
      byte[] all = new byte[256];
      for (int i = 0; i < all.length; i++) {
        all[i] = (byte) i;
      }
      byte[] big = new byte[70_000];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i * 31);
      }
      assertArrayEquals(all, RawRpc.call(c, 1, 1, "benchmark.test", all));
      assertArrayEquals(new byte[0], RawRpc.call(c, 2, 2, "benchmark.test", new byte[0]));
      assertArrayEquals(big, RawRpc.call(c, 3, 3, "benchmark.test", big));
    }
  }

  @Test
  @DisplayName("C87 an unknown method answers 12 id A7 80 with empty data")
  void unknownMethod() {
    try (RawClient c = broker.registerUnix("c1")) {
      int frame = 1;
      for (String method : List.of("no.such.method", "TEST", "")) {
        RawRpc.send(c, frame, MESSAGE_QOS1, 7, method, hex("81 A1 61 01"));
        assertArrayEquals(hex("12 0F 00 00 00 00 2E 62 72 6F 6B 65 72 00 12 07 00 00 00 A7 80"),
            RawRpc.ackAndFrame(c, frame), "method '" + method + "'");
        frame++;
      }
    }
  }

  @Test
  @DisplayName("C88 a request with id 0 is executed and never answered")
  void callZero() throws InterruptedException {
    LinkedBlockingQueue<RpcEvent> ran = new LinkedBlockingQueue<>();
    CoreRpc.install(broker.handle(), Map.of("note", call -> {
      ran.add(call);
      return utf8("a reply nobody must see");
    }));
    try (RawClient c = broker.registerUnix("c1")) {
      RawRpc.send(c, 1, MESSAGE_QOS1, 0, "note", hex("A1 78"));
      assertArrayEquals(RawRpc.ack(1, 0x01), c.readFrameSkippingNops());
      RpcEvent call = ran.poll(5, TimeUnit.SECONDS);
      assertNotNull(call, "the id-0 request was not executed");
      assertEquals("c1", call.sender());
      assertArrayEquals(hex("A1 78"), call.payload());

      RawRpc.send(c, 2, 0x12, 0, "test", new byte[0]); // QoS 0: no ACK either
      RawRpc.send(c, 3, MESSAGE_QOS1, 0, "client.list", hex("C1")); // would be an error
      assertArrayEquals(RawRpc.ack(3, 0x01), c.readFrameSkippingNops());
      assertArrayEquals(OK_TRUE, RawRpc.call(c, 4, 5, "test", new byte[0]));
      c.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C89 notifications, broadcasts and publications to .broker get no RPC answer")
  void nothingBack() {
    byte[] request = RawRpc.request(9, "test", new byte[0]);
    try (RawClient c = broker.registerUnix("c1")) {
      c.send(1, MESSAGE_QOS1, BROKER, hex("00 68 69"));
      assertArrayEquals(RawRpc.ack(1, 0x01), c.readFrameSkippingNops());
      c.send(2, 0x12, BROKER, hex("00"));
      c.send(3, 0x53, BROKER, request);
      assertArrayEquals(RawRpc.ack(3, 0x01), c.readFrameSkippingNops());
      // c1 is subscribed to .broker/warn like .broker, so it sees its own publication.
      c.send(4, 0x41, ".broker/warn", request);
      byte[] own = RawRpc.ackAndFrame(c, 4);
      byte[] body = join(utf8("c1"), hex("00"), utf8(".broker/warn"), hex("00"), request);
      assertArrayEquals(join(hex("01"), RawRpc.le32(body.length), hex("00"), body), own);
      assertArrayEquals(OK_TRUE, RawRpc.call(c, 5, 6, "test", new byte[0]));
      c.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C90 a real-time call gets a reply with byte 5 = 01, a QoS 1 call one with 00")
  void realtimeReply() {
    try (RawClient c = broker.registerUnix("c1")) {
      RawRpc.send(c, 1, MESSAGE_QOS3, 1, "test", new byte[0]);
      assertArrayEquals(RawRpc.fromBroker(RawRpc.reply(1, OK_TRUE), true),
          RawRpc.ackAndFrame(c, 1));
      RawRpc.send(c, 2, MESSAGE_QOS1, 2, "test", new byte[0]);
      assertArrayEquals(RawRpc.fromBroker(RawRpc.reply(2, OK_TRUE), false),
          RawRpc.ackAndFrame(c, 2));
      RawRpc.send(c, 3, 0x92, 3, "test", new byte[0]); // QoS 2: real-time, no ACK
      assertArrayEquals(RawRpc.fromBroker(RawRpc.reply(3, OK_TRUE), true),
          c.readFrameSkippingNops());
      c.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C91 a call from c1%%0 is answered to c1%%0, not to c1")
  void replyToSecondary() {
    try (RawClient primary = broker.registerUnix("c1");
        RawClient secondary = broker.registerUnix("c1%%0")) {
      RawRpc.send(secondary, 1, MESSAGE_QOS1, 4, "test", new byte[0]);
      assertArrayEquals(RawRpc.fromBroker(RawRpc.reply(4, OK_TRUE), false),
          RawRpc.ackAndFrame(secondary, 1));
      primary.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("C92 kind, source and port of Unix and TCP clients")
  void kindSourcePort() {
    try (RawClient c = broker.registerUnix("c1");
        RawClient t = broker.registerTcp("t1")) {
      InetSocketAddress local = (InetSocketAddress) t.localAddress();
      List<Entry> list = clientList(c, 1, filter("^(c1|t1)$"));
      assertEquals(2, list.size());
      Entry unix = list.get(0);
      assertEquals("c1", unix.name);
      assertEquals("local_ipc", unix.kind);
      assertNull(unix.source);
      assertEquals(broker.socketPath().toString(), unix.port);
      Entry tcp = list.get(1);
      assertEquals("t1", tcp.name);
      assertEquals("tcp", tcp.kind);
      assertEquals("127.0.0.1:" + local.getPort(), tcp.source);
      assertEquals("127.0.0.1:0", tcp.port, "the listener's bind string as configured");
    }
  }

  /** One {@code client.list} entry; the counters are checked for format only. */
  private record Entry(
      String name, String kind, String source, String port, long queue, long instances) {}

  private static List<String> names(RawClient c, int id, byte[] params) {
    return clientList(c, id, params).stream().map(Entry::name).toList();
  }

  /** Calls {@code client.list} and reads the reply strictly: key order, formats, nothing more. */
  private static List<Entry> clientList(RawClient c, int id, byte[] params) {
    MsgPackReader r = new MsgPackReader(RawRpc.call(c, id, id, "client.list", params));
    assertEquals(1, r.map());
    r.key("clients");
    int n = r.array();
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      assertEquals(10, r.map());
      r.key("name");
      String name = r.str();
      r.key("kind");
      String kind = r.str();
      r.key("source");
      String source = r.strOrNil();
      r.key("port");
      String port = r.strOrNil();
      for (String counter : List.of("r_frames", "r_bytes", "w_frames", "w_bytes")) {
        r.key(counter);
        r.uint();
      }
      r.key("queue");
      long queue = r.uint();
      r.key("instances");
      long instances = r.uint();
      out.add(new Entry(name, kind, source, port, queue, instances));
    }
    r.end();
    return out;
  }

  /** @return {@code {"filter": regex}} for a regex shorter than 32 bytes */
  private static byte[] filter(String regex) {
    byte[] re = utf8(regex);
    byte[] head = re.length < 32 ? new byte[] {(byte) (0xA0 | re.length)}
        : new byte[] {(byte) 0xD9, (byte) re.length};
    return join(hex("81 A6"), utf8("filter"), head, re);
  }

  private static String strictUtf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("error data is not UTF-8: " + hex(b), e);
    }
  }
}

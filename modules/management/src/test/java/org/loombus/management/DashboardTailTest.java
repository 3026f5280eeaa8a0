package org.loombus.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.IpNetwork;
import org.loombus.rpc.MsgPack;
import org.loombus.testkit.Peer;
import org.loombus.testkit.TestBroker;

/**
 * The live tail over real HTTP (Server-Sent Events) against a real broker whose clients publish:
 * exact events, the access rules applied to the mask and the viewer, and its bounds.
 */
class DashboardTailTest {
  private static final String READY = "event: ready\ndata: {\"mask\":\"data/#\",\"client\":"
      + "\".dashboard.tail.1\"}";

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(20);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tails(InetSocketAddress at) {
    return (Map<String, Object>) JsonReader.object(Http.get(at, "/api/stats").body()).get("tails");
  }

  private static String event(String topic, String sender, int size, String form, String payload,
      long id) {
    return event(topic, sender, size, form, payload, false, id);
  }

  private static String event(String topic, String sender, int size, String form, String payload,
      boolean truncated, long id) {
    return "id: " + id + "\ndata: {\"topic\":\"" + topic + "\",\"sender\":\"" + sender
        + "\",\"size\":" + size + ",\"form\":\"" + form + "\",\"payload\":" + payload
        + ",\"truncated\":" + truncated + ",\"dropped\":0}";
  }

  @Test
  @DisplayName("a tail streams what matches its mask: text as text, MessagePack as JSON, else hex")
  void decodedPayloads() throws Exception {
    Map<String, Object> reading = new LinkedHashMap<>();
    reading.put("t", 21.5);
    reading.put("ok", true);
    reading.put("tags", List.of("a", "b"));
    byte[] packed = MsgPack.encode(reading);
    byte[] binary = {0x00, (byte) 0xC1, (byte) 0xFF}; // 0xC1 is never MessagePack
    try (TestBroker broker = DashboardApiTest.quietBroker(null);
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, null, null);
        Peer pub = Peer.register(broker.unix(), "pub");
        Http.Events tail = new Http.Events(web.address(), "/api/tail?mask=data%2F%23")) {
      assertEquals(200, tail.status);
      assertEquals("text/event-stream; charset=utf-8", tail.contentType);
      assertEquals(READY, tail.next());
      pub.send(1, 0x41, "data/text", "hello, wörld");
      pub.send(2, 0x41, "other/x", "not for the tail");
      pub.send(3, 0x41, "data/pack", packed);
      pub.send(4, 0x41, "data/bin", binary);
      for (int i = 1; i <= 4; i++) {
        pub.expectAck(i, 0x01);
      }
      assertEquals(event("data/text", "pub", 13, "text", "\"hello, wörld\"", 1), tail.next());
      assertEquals(event("data/pack", "pub", packed.length, "msgpack",
          "{\"t\":21.5,\"ok\":true,\"tags\":[\"a\",\"b\"]}", 2), tail.next());
      assertEquals(event("data/bin", "pub", 3, "binary", "\"00c1ff\"", 3), tail.next());
      Map<String, Object> t = tails(web.address());
      assertEquals(1L, t.get("active"));
      assertEquals(0L, t.get("dropped"));
    }
  }

  @Test
  @DisplayName("a payload up to 64 KiB is shown whole; a longer one as the hex of its first 256"
      + " bytes, truncated; binary shows at most 256 bytes, then …")
  void longPayloadsAreCutOff() throws Exception {
    byte[] whole = new byte[TailQueue.KEPT_BYTES];
    Arrays.fill(whole, (byte) 'a');
    byte[] longer = Arrays.copyOf(whole, TailQueue.KEPT_BYTES + 1);
    longer[TailQueue.KEPT_BYTES] = 'a';
    byte[] binary = new byte[Tail.HEX_BYTES + 1];
    Arrays.fill(binary, (byte) 0xC1);
    try (TestBroker broker = DashboardApiTest.quietBroker(null);
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, null, null);
        Peer pub = Peer.register(broker.unix(), "pub");
        Http.Events tail = new Http.Events(web.address(), "/api/tail?mask=data%2F%23")) {
      assertEquals(READY, tail.next());
      pub.send(1, 0x41, "data/whole", whole);
      pub.send(2, 0x41, "data/longer", longer);
      pub.send(3, 0x41, "data/bin", binary);
      for (int i = 1; i <= 3; i++) {
        pub.expectAck(i, 0x01);
      }
      assertEquals(event("data/whole", "pub", 65536, "text", "\"" + "a".repeat(65536) + "\"", 1),
          tail.next());
      // the 256 bytes kept of it are no longer decoded: as hex, and "truncated" says so
      assertEquals(event("data/longer", "pub", 65537, "binary", "\"" + "61".repeat(256) + "\"",
          true, 2), tail.next());
      // kept whole, but only 256 bytes shown, the rest marked by the ellipsis
      assertEquals(event("data/bin", "pub", 257, "binary", "\"" + "c1".repeat(256) + "…\"", 3),
          tail.next());
    }
  }

  @Test
  @DisplayName("with rules, a tail's mask must be covered by loombus.dashboard's subscribe rule,"
      + " and the viewer admitted as that client")
  void rulesApplyToTheTail() throws Exception {
    AaaMap rules = new AaaMap()
        .put("pub", ClientAaa.builder().build())
        .put(DashboardAccess.CLIENT, ClientAaa.builder().allowSubscribeTo(List.of("data/#")).build());
    try (TestBroker broker = DashboardApiTest.quietBroker(rules);
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, rules, null);
        Peer pub = Peer.register(broker.unix(), "pub")) {
      InetSocketAddress at = web.address();
      for (String mask : List.of("%23", "%2B%2Fx", "data", "other%2F%23")) {
        var r = Http.get(at, "/api/tail?mask=" + mask);
        assertEquals(403, r.statusCode(), mask);
        String decoded = java.net.URLDecoder.decode(mask, StandardCharsets.UTF_8);
        assertEquals("tail refused: mask '" + decoded + "' is not covered by the subscribe rule"
            + " of 'loombus.dashboard'\n", r.body());
        assertEquals(403, Http.request(at, "HEAD", "/api/tail?mask=" + mask).statusCode());
      }
      assertEquals(200, Http.request(at, "HEAD", "/api/tail?mask=data%2Fa%2F%2B").statusCode());
      assertEquals(0L, tails(at).get("active"), "HEAD starts no tail");
      try (Http.Events tail = new Http.Events(at, "/api/tail?mask=data%2F%23")) {
        assertEquals(READY, tail.next());
        pub.send(1, 0x41, "data/x", "in");
        pub.expectAck(1, 0x01);
        assertEquals(event("data/x", "pub", 2, "text", "\"in\"", 1), tail.next());
        // a reload that narrows the rule ends the tail, as it disconnects a bus client
        rules.put(DashboardAccess.CLIENT,
            ClientAaa.builder().allowSubscribeTo(List.of("data/public/#")).build());
        assertEquals("event: end\ndata: {\"reason\":\"the access rules of 'loombus.dashboard'"
            + " changed\"}", tail.next());
        assertEquals(null, tail.next());
      }
      await("the ended tail's slot is free", () -> tails(at).get("active").equals(0L));
      assertEquals(403, Http.get(at, "/api/tail?mask=data%2F%23").statusCode());

      rules.put(DashboardAccess.CLIENT, ClientAaa.builder()
          .hostsAllow(List.of(IpNetwork.parse("10.0.0.0/8"))).build());
      assertEquals("tail refused: host 127.0.0.1 is not allowed for 'loombus.dashboard'\n",
          Http.get(at, "/api/tail?mask=data%2F%23").body());
      rules.put(DashboardAccess.CLIENT, ClientAaa.builder().groups(List.of("ops")).build());
      assertEquals("tail refused: 'loombus.dashboard' must be a named Unix user or group, which a"
          + " tcp peer cannot prove\n", Http.get(at, "/api/tail?mask=data%2F%23").body());
      rules.remove(DashboardAccess.CLIENT);
      assertEquals("tail refused: no access rules for 'loombus.dashboard'\n",
          Http.get(at, "/api/tail?mask=data%2F%23").body());
      assertEquals(400, Http.get(at, "/api/tail").statusCode());
      assertEquals(400, Http.get(at, "/api/tail?mask=").statusCode());
    }
  }

  @Test
  @DisplayName("a mask beyond the broker's limits is refused with 400, and holds no slot")
  void maskLimits() {
    try (TestBroker broker = TestBroker.start(b -> b.coreClient(false).maxMaskDepth(2));
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, null, null)) {
      InetSocketAddress at = web.address();
      var deep = Http.get(at, "/api/tail?mask=a%2Fb%2Fc");
      assertEquals(400, deep.statusCode());
      assertTrue(deep.body().startsWith("cannot tail 'a/b/c': "), deep.body());
      var longMask = Http.get(at, "/api/tail?mask=" + "x".repeat(Tails.MAX_MASK_LENGTH + 1));
      assertEquals(400, longMask.statusCode());
      assertEquals(Map.of("active", 0L, "limit", 4L, "dropped", 0L), tails(at));
    }
  }

  @Test
  @DisplayName("at most 4 tails at once; a fifth gets 503 until one ends")
  void tailLimit() throws Exception {
    try (TestBroker broker = DashboardApiTest.quietBroker(null);
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, null, null)) {
      InetSocketAddress at = web.address();
      List<Http.Events> open = new ArrayList<>();
      try {
        for (int i = 1; i <= Tails.MAX_TAILS; i++) {
          Http.Events t = new Http.Events(at, "/api/tail?mask=a%2F" + i);
          open.add(t);
          assertEquals(200, t.status);
          assertTrue(t.next().startsWith("event: ready"));
        }
        var refused = Http.get(at, "/api/tail?mask=a%2F5");
        assertEquals(503, refused.statusCode());
        assertEquals("already 4 tails open; try again later\n", refused.body());
        assertEquals(4L, tails(at).get("active"));
        open.remove(0).close();
        await("a slot is free again", () -> tails(at).get("active").equals(3L));
        try (Http.Events again = new Http.Events(at, "/api/tail?mask=a%2F5")) {
          assertEquals(200, again.status);
        }
      } finally {
        open.forEach(Http.Events::close);
      }
    }
  }

  @Test
  @DisplayName("a viewer that stops reading costs the bus nothing: its tail drops and counts,"
      + " and is cut off after the stall timeout")
  void slowViewerIsCutOff() throws Exception {
    byte[] big = new byte[TailQueue.KEPT_BYTES];
    Arrays.fill(big, (byte) 'x');
    try (TestBroker broker = TestBroker.start(b -> b.coreClient(false)
            .timeout(Duration.ofSeconds(30)).stallTimeout(Duration.ofSeconds(1)));
        MetricsEndpoint web = DashboardApiTest.dashboard(broker, null, null);
        Peer pub = Peer.register(broker.unix(), "pub");
        SocketChannel viewer = SocketChannel.open()) {
      InetSocketAddress at = web.address();
      viewer.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
      viewer.connect(at);
      viewer.write(ByteBuffer.wrap(("GET /api/tail?mask=%23 HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII)));
      await("the tail is open", () -> tails(at).get("active").equals(1L));
      // 300 x 64 KiB: more than the socket buffers and the tail's 1 MiB queue can take
      for (int i = 1; i <= 300; i++) {
        pub.send(i, 0x41, "load/x", big);
        pub.expectAck(i, 0x01); // every publication is processed at once, tail or no tail
      }
      await("the stalled viewer is cut off", () -> tails(at).get("active").equals(0L));
      long dropped = (Long) tails(at).get("dropped");
      assertTrue(dropped > 0 && dropped < 300, "dropped " + dropped);
      // the server closed the connection: reading what it had sent ends in end of stream
      viewer.socket().setSoTimeout(10_000);
      InputStream in = viewer.socket().getInputStream();
      byte[] buf = new byte[65536];
      int n;
      do {
        n = in.read(buf);
      } while (n >= 0);
      assertEquals(-1, n);
    }
  }
}

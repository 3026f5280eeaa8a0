package org.loombus.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.Peer.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.IpNetwork;
import org.loombus.testkit.Peer;
import org.loombus.testkit.TestBroker;

/** The dashboard's page and JSON endpoints over real HTTP, against a real broker used by clients. */
class DashboardApiTest {
  /** Without .broker, no announcement adds frames, so every counter is known exactly. */
  static TestBroker quietBroker(AaaMap rules) {
    return TestBroker.start(b -> b.coreClient(false).timeout(Duration.ofSeconds(30)), rules);
  }

  static MetricsEndpoint dashboard(TestBroker broker, AaaMap rules, String token) {
    MetricsEndpoint.Builder b = MetricsEndpoint.builder(broker.handle(),
        new InetSocketAddress("127.0.0.1", 0)).dashboard(rules);
    if (token != null) {
      b.token(token);
    }
    try {
      return b.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> byName(List<Object> list, String name) {
    return list.stream().map(o -> (Map<String, Object>) o)
        .filter(m -> m.get("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + list));
  }

  @Test
  @DisplayName("/api/clients and /api/stats show a known exchange exactly")
  @SuppressWarnings("unchecked")
  void clientsAndStats() throws IOException {
    try (TestBroker broker = quietBroker(null);
        MetricsEndpoint web = dashboard(broker, null, null);
        Peer a = Peer.register(broker.unix(), "a");
        Peer b = Peer.register(broker.unix(), "b")) {
      // body  b 00 h e l l o: 7 bytes; delivered with the same count, ACKed with 6 bytes
      for (int i = 1; i <= 10; i++) {
        a.send(i, 0x52, "b", "hello");
        a.expectAck(i, 0x01);
        b.expect(message("a", "hello"));
      }
      HttpResponse<String> r = Http.get(web.address(), "/api/clients");
      assertEquals(200, r.statusCode());
      assertEquals("application/json; charset=utf-8",
          r.headers().firstValue("Content-Type").orElseThrow());
      Map<String, Object> doc = JsonReader.object(r.body());
      assertEquals(List.of("queue_size", "clients", "remote_clients"), List.copyOf(doc.keySet()));
      assertEquals(8192L, doc.get("queue_size"));
      List<Object> clients = (List<Object>) doc.get("clients");
      assertEquals(2, clients.size());
      // the socket file's group is this process's, the group SO_PEERCRED reports for its peers
      Path probe = Files.createTempFile("loombus-group", "");
      String group = Files.getAttribute(probe, "posix:group").toString();
      String user = Files.getOwner(probe).getName();
      Files.delete(probe);
      Map<String, Object> ca = byName(clients, "a");
      assertEquals("local_ipc", ca.get("kind"));
      assertEquals(null, ca.get("source"));
      assertEquals(broker.socketPath().toString(), ca.get("port"));
      assertEquals(user, ca.get("user"));
      assertEquals(group, ca.get("group"));
      assertEquals(0L, ca.get("queue"));
      assertEquals(1L, ca.get("instances"));
      assertEquals(10L, ca.get("r_frames"));
      assertEquals(70L, ca.get("r_bytes"));
      assertEquals(10L, ca.get("w_frames"));
      assertEquals(60L, ca.get("w_bytes"));
      Map<String, Object> cb = byName(clients, "b");
      assertEquals(0L, cb.get("r_frames"));
      assertEquals(10L, cb.get("w_frames"));
      assertEquals(70L, cb.get("w_bytes"));
      assertTrue(((String) cb.get("connected_since")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
          cb.toString());
      assertEquals(List.of(), doc.get("remote_clients"));

      Map<String, Object> s = JsonReader.object(Http.get(web.address(), "/api/stats").body());
      assertEquals(2L, s.get("clients"));
      assertEquals(10L, s.get("r_frames"));
      assertEquals(70L, s.get("r_bytes"));
      assertEquals(20L, s.get("w_frames"));
      assertEquals(130L, s.get("w_bytes"));
      assertEquals(0L, s.get("dropped_frames"));
      assertEquals(0L, s.get("forced_disconnects"));
      assertEquals(0L, s.get("rejected_handshakes"));
      assertTrue((Long) s.get("uptime_ms") >= 0);
      assertEquals(Map.of("active", 0L, "limit", 4L, "dropped", 0L), s.get("tails"));
      assertEquals(null, s.get("federation"));
    }
  }

  @Test
  @DisplayName("/api/rules lists the rules in force and what this viewer may tail")
  void rules() {
    AaaMap rules = new AaaMap()
        .put("sensor", ClientAaa.builder()
            .hostsAllow(List.of(IpNetwork.parse("127.0.0.0/8"), IpNetwork.parse("::1/128")))
            .allowP2pTo(List.of("hub", "logger.*")).allowPublishTo(List.of("data/#"))
            .denySubscribe().denyBroadcast().users(List.of("ops")).build())
        .put(DashboardAccess.CLIENT, ClientAaa.builder().allowSubscribeTo(List.of("data/#")).build());
    try (TestBroker broker = quietBroker(rules);
        MetricsEndpoint web = dashboard(broker, rules, null)) {
      assertEquals("{\"enforced\":true,\"dashboard_client\":\"loombus.dashboard\","
          + "\"viewer\":{\"clients_and_stats\":true,\"refusal\":null,\"subscribe\":[\"data/#\"]},"
          + "\"clients\":["
          + "{\"name\":\"loombus.dashboard\",\"hosts\":[\"0.0.0.0/0\"],\"p2p\":null,"
          + "\"publish\":null,\"subscribe\":[\"data/#\"],\"broadcast\":null,\"users\":[],"
          + "\"groups\":[]},"
          + "{\"name\":\"sensor\",\"hosts\":[\"127.0.0.0/8\",\"0:0:0:0:0:0:0:1/128\"],"
          + "\"p2p\":[\"hub\",\"logger.*\"],\"publish\":[\"data/#\"],\"subscribe\":[],"
          + "\"broadcast\":[],\"users\":[\"ops\"],\"groups\":[]}]}",
          Http.get(web.address(), "/api/rules").body());
    }
    try (TestBroker broker = quietBroker(null);
        MetricsEndpoint web = dashboard(broker, null, null)) {
      assertEquals("{\"enforced\":false,\"dashboard_client\":\"loombus.dashboard\","
          + "\"viewer\":{\"clients_and_stats\":true,\"refusal\":null,\"subscribe\":null},"
          + "\"clients\":[]}",
          Http.get(web.address(), "/api/rules").body());
    }
  }

  @Test
  @DisplayName("with rules, a viewer gets what loombus.dashboard may: the clients and counters only"
      + " if it may message .broker, nothing if it is not admitted")
  void rulesLimitTheViewer() {
    AaaMap rules = new AaaMap().put(DashboardAccess.CLIENT,
        ClientAaa.builder().allowP2pTo(List.of("hub")).denySubscribe().build());
    try (TestBroker broker = quietBroker(rules);
        MetricsEndpoint web = dashboard(broker, rules, null)) {
      InetSocketAddress at = web.address();
      for (String path : List.of("/api/clients", "/api/stats")) {
        HttpResponse<String> r = Http.get(at, path);
        assertEquals(403, r.statusCode(), path);
        assertEquals("refused: the p2p rule of 'loombus.dashboard' does not allow .broker\n",
            r.body(), path);
      }
      assertEquals("{\"enforced\":true,\"dashboard_client\":\"loombus.dashboard\","
          + "\"viewer\":{\"clients_and_stats\":false,\"refusal\":\"the p2p rule of"
          + " 'loombus.dashboard' does not allow .broker\",\"subscribe\":[]},"
          + "\"clients\":[{\"name\":\"loombus.dashboard\",\"hosts\":[\"0.0.0.0/0\"],"
          + "\"p2p\":[\"hub\"],\"publish\":null,\"subscribe\":[],\"broadcast\":null,"
          + "\"users\":[],\"groups\":[]}]}", Http.get(at, "/api/rules").body());

      rules.put(DashboardAccess.CLIENT, ClientAaa.builder().allowP2pTo(List.of(".*")).build());
      assertEquals(200, Http.get(at, "/api/clients").statusCode());
      assertEquals(200, Http.get(at, "/api/stats").statusCode());

      rules.remove(DashboardAccess.CLIENT);
      for (String path : List.of("/api/clients", "/api/stats", "/api/rules",
          "/api/tail?mask=%23")) {
        HttpResponse<String> r = Http.get(at, path);
        assertEquals(403, r.statusCode(), path);
        assertTrue(r.body().endsWith("no access rules for 'loombus.dashboard'\n"), r.body());
      }
      assertEquals(200, Http.get(at, "/").statusCode(), "the page itself holds no data");
      assertEquals(200, Http.get(at, "/metrics").statusCode(), "the metrics are not the"
          + " dashboard's: where they listen and the token guard them");
    }
  }

  @Test
  @DisplayName("with a token, data needs it (Bearer or ?token=), the page's own files do not")
  void token() {
    try (TestBroker broker = quietBroker(null);
        MetricsEndpoint web = dashboard(broker, null, "s3cret-t0ken")) {
      InetSocketAddress at = web.address();
      for (String path : List.of("/api/clients", "/api/stats", "/api/rules",
          "/api/tail?mask=%23", "/metrics")) {
        HttpResponse<String> none = Http.get(at, path);
        assertEquals(401, none.statusCode(), path);
        assertEquals("Bearer realm=\"loombus\"",
            none.headers().firstValue("WWW-Authenticate").orElseThrow(), path);
        assertEquals("a token is required: Authorization: Bearer TOKEN, or ?token=TOKEN\n",
            none.body(), path);
        assertEquals(401, Http.get(at, path, "Authorization", "Bearer s3cret-t0kem").statusCode(),
            path);
        String sep = path.contains("?") ? "&" : "?";
        assertEquals(401, Http.get(at, path + sep + "token=s3cret").statusCode(), path);
      }
      for (String path : List.of("/api/clients", "/api/stats", "/api/rules", "/metrics")) {
        assertEquals(200, Http.get(at, path, "Authorization", "Bearer s3cret-t0ken").statusCode(),
            path);
        assertEquals(200, Http.get(at, path + "?token=s3cret-t0ken").statusCode(), path);
      }
      for (String path : List.of("/", "/dashboard.js", "/dashboard.css")) {
        assertEquals(200, Http.get(at, path).statusCode(), path);
      }
    }
  }

  @Test
  @DisplayName("read-only: every method but GET and HEAD gets 405 on every path, and changes nothing")
  void readOnly() {
    try (TestBroker broker = quietBroker(null);
        MetricsEndpoint web = dashboard(broker, null, null);
        Peer a = Peer.register(broker.unix(), "a")) {
      for (String path : List.of("/", "/dashboard.js", "/api/clients", "/api/stats", "/api/rules",
          "/api/tail?mask=%23", "/metrics", "/api/clients/a")) {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
          HttpResponse<String> r = Http.request(web.address(), method, path);
          assertEquals(405, r.statusCode(), method + " " + path);
          assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
        }
      }
      Map<String, Object> s = JsonReader.object(Http.get(web.address(), "/api/stats").body());
      assertEquals(1L, s.get("clients"));
      assertEquals(0L, s.get("forced_disconnects"));
      assertEquals(Map.of("active", 0L, "limit", 4L, "dropped", 0L), s.get("tails"));
      assertEquals(404, Http.get(web.address(), "/api/nothing").statusCode());
    }
  }

  @Test
  @DisplayName("the page, its script and style are served with their types and a strict policy")
  void pageFiles() {
    try (TestBroker broker = quietBroker(null);
        MetricsEndpoint web = dashboard(broker, null, null)) {
      Map<String, String> types = Map.of("/", "text/html; charset=utf-8",
          "/dashboard.js", "text/javascript; charset=utf-8",
          "/dashboard.css", "text/css; charset=utf-8");
      types.forEach((path, type) -> {
        HttpResponse<String> r = Http.get(web.address(), path);
        assertEquals(200, r.statusCode(), path);
        assertEquals(type, r.headers().firstValue("Content-Type").orElseThrow(), path);
        assertEquals("default-src 'self'; frame-ancestors 'none'",
            r.headers().firstValue("Content-Security-Policy").orElseThrow(), path);
      });
      assertTrue(Http.get(web.address(), "/").body().contains("<script src=\"dashboard.js\""));
    }
  }
}

package org.loombus.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.Peer.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Exposition;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** The Prometheus endpoint, scraped over HTTP from a real broker that real clients use. */
class MetricsEndpointTest {
  private static final List<String> BOUNDS =
      List.of("0", "1", "4", "16", "64", "256", "1024", "4096", "8192", "+Inf");

  /** Without .broker, no announcement adds frames, so every counter is known exactly. */
  private static TestBroker quietBroker() {
    return TestBroker.start(b -> b.coreClient(false).timeout(Duration.ofSeconds(30)));
  }

  private static MetricsEndpoint endpoint(TestBroker broker) {
    try {
      return MetricsEndpoint.start(broker.handle(), new InetSocketAddress("127.0.0.1", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("/metrics counts every frame of a known exchange exactly, labels escaped")
  void exactCounters() {
    String odd = "b\"\\q";
    Instant before = Instant.now();
    try (TestBroker broker = quietBroker();
        MetricsEndpoint metrics = endpoint(broker);
        Peer a = Peer.register(broker.unix(), "a");
        Peer b = Peer.register(broker.unix(), odd)) {
      // body  b " \ q 00 h e l l o: 10 bytes; delivered with the same count, ACKed with 6 bytes
      for (int i = 1; i <= 10; i++) {
        a.send(i, 0x52, odd, "hello");
        a.expectAck(i, 0x01);
        b.expect(message("a", "hello"));
      }
      Exposition m = Exposition.scrape(metrics.address(), "/metrics");
      assertEquals(200, m.status);
      assertEquals("text/plain; version=0.0.4; charset=utf-8", m.contentType);
      assertEquals(10, m.value("loombus_received_frames_total"));
      assertEquals(100, m.value("loombus_received_bytes_total"));
      assertEquals(20, m.value("loombus_sent_frames_total"));
      assertEquals(160, m.value("loombus_sent_bytes_total"));
      assertEquals(2, m.value("loombus_clients"));
      assertEquals(0, m.value("loombus_dropped_frames_total"));
      assertEquals(0, m.value("loombus_forced_disconnects_total"));
      assertEquals(0, m.value("loombus_rejected_handshakes_total"));
      assertTrue(m.value("loombus_uptime_seconds") >= 0);

      assertEquals(10, m.value("loombus_client_received_frames_total", "client", "a"));
      assertEquals(100, m.value("loombus_client_received_bytes_total", "client", "a"));
      assertEquals(10, m.value("loombus_client_sent_frames_total", "client", "a"));
      assertEquals(60, m.value("loombus_client_sent_bytes_total", "client", "a"));
      assertEquals(0, m.value("loombus_client_received_frames_total", "client", odd));
      assertEquals(10, m.value("loombus_client_sent_frames_total", "client", odd));
      assertEquals(100, m.value("loombus_client_sent_bytes_total", "client", odd));
      assertEquals(0, m.value("loombus_client_queued_frames", "client", odd));
      assertEquals(1, m.value("loombus_client_instances", "client", odd));
      assertEquals(1, m.value("loombus_client_info", "client", odd, "kind", "local_ipc",
          "source", "", "port", broker.socketPath().toString()));
      double since = m.value("loombus_client_connected_since_seconds", "client", "a");
      assertTrue(since >= before.toEpochMilli() / 1000.0 - 0.001
          && since <= Instant.now().toEpochMilli() / 1000.0, Double.toString(since));
      assertTrue(m.text.contains("{client=\"b\\\"\\\\q\"}"), "label value escaped:\n" + m.text);

      for (String le : BOUNDS) {
        assertEquals(2, m.value("loombus_queue_depth_frames_bucket", "le", le), "le=" + le);
      }
      assertEquals(0, m.value("loombus_queue_depth_frames_sum"));
      assertEquals(2, m.value("loombus_queue_depth_frames_count"));
      assertEquals("histogram", m.types.get("loombus_queue_depth_frames"));
      assertEquals("counter", m.types.get("loombus_received_frames_total"));
      assertEquals("gauge", m.types.get("loombus_client_queued_frames"));
    }
  }

  @Test
  @DisplayName("/metrics shows a stalled client's queue in its gauge and in the depth histogram")
  void queueDepthHistogram() {
    byte[] big = new byte[64 * 1024];
    Arrays.fill(big, (byte) 'x');
    try (TestBroker broker = quietBroker();
        MetricsEndpoint metrics = endpoint(broker);
        Peer sender = Peer.register(broker.unix(), "sender");
        RawClient sink = broker.registerUnix("sink")) {
      // 8 MB fill the socket buffers and block the sink's writer; what follows stays queued
      for (int burst : new int[] {128, 5}) {
        for (int i = 1; i <= burst; i++) {
          sender.send(i, 0x52, "sink", big);
        }
        for (int i = 1; i <= burst; i++) {
          sender.expectAck(i, 0x01);
        }
      }
      Exposition m = Exposition.scrape(metrics.address(), "/metrics");
      double queued = m.value("loombus_client_queued_frames", "client", "sink");
      assertTrue(queued >= 5, "the sink's queue: " + queued);
      assertEquals(0, m.value("loombus_client_queued_frames", "client", "sender"));
      assertEquals(queued, m.value("loombus_queue_depth_frames_sum"));
      assertEquals(2, m.value("loombus_queue_depth_frames_count"));
      for (String le : BOUNDS) {
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        assertEquals(bound >= queued ? 2 : 1,
            m.value("loombus_queue_depth_frames_bucket", "le", le), "le=" + le);
      }
    }
  }

  @Test
  @DisplayName("Only GET and HEAD of /metrics are served: other paths 404, other methods 405")
  void pathsAndMethods() {
    try (TestBroker broker = quietBroker(); MetricsEndpoint metrics = endpoint(broker)) {
      assertEquals(404, Exposition.request(metrics.address(), "/", "GET").status);
      assertEquals(404, Exposition.request(metrics.address(), "/metrics/x", "GET").status);
      assertEquals(405, Exposition.request(metrics.address(), "/metrics", "POST").status);
      Exposition head = Exposition.request(metrics.address(), "/metrics", "HEAD");
      assertEquals(200, head.status);
      assertEquals("text/plain; version=0.0.4; charset=utf-8", head.contentType);
    }
  }

  @Test
  @DisplayName("with a token and no dashboard, /metrics (which names the clients) needs it:"
      + " 401 without or with a wrong one, 200 as Bearer or ?token=")
  void tokenGuardsTheMetricsAlone() throws IOException {
    try (TestBroker broker = quietBroker();
        MetricsEndpoint metrics = MetricsEndpoint.builder(broker.handle(),
            new InetSocketAddress("127.0.0.1", 0)).token("s3cret-t0ken").start();
        RawClient c = RawClient.register(broker.unix(), "secret.plant")) {
      InetSocketAddress at = metrics.address();
      var none = Http.get(at, "/metrics");
      assertEquals(401, none.statusCode());
      assertEquals("Bearer realm=\"loombus\"",
          none.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertTrue(!none.body().contains("secret.plant"), none.body());
      assertEquals(401, Http.get(at, "/metrics", "Authorization", "Bearer s3cret").statusCode());
      assertEquals(401, Http.get(at, "/metrics?token=s3cret-t0kem").statusCode());
      var bearer = Http.get(at, "/metrics", "Authorization", "Bearer s3cret-t0ken");
      assertEquals(200, bearer.statusCode());
      assertTrue(bearer.body().contains("client=\"secret.plant\""), bearer.body());
      assertEquals(200, Http.get(at, "/metrics?token=s3cret-t0ken").statusCode());
      assertEquals(401, Http.get(at, "/").statusCode(), "no page files to exempt without it");
    }
  }

  @Test
  @DisplayName("held-open partial requests are closed after 5 s, connections beyond 16 at once;"
      + " a scrape works throughout and after")
  void partialRequestsTimeOut() throws Exception {
    try (TestBroker broker = quietBroker(); MetricsEndpoint metrics = endpoint(broker)) {
      List<java.nio.channels.SocketChannel> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 24; i++) {
          java.nio.channels.SocketChannel ch =
              java.nio.channels.SocketChannel.open(metrics.address());
          ch.write(java.nio.ByteBuffer.wrap(
              "GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)));
          held.add(ch);
        }
        long start = System.nanoTime();
        int closed = 0;
        for (java.nio.channels.SocketChannel ch : held) {
          ch.socket().setSoTimeout(10_000);
          java.io.InputStream in = ch.socket().getInputStream();
          if (readsToEnd(in)) {
            closed++;
          }
        }
        assertEquals(held.size(), closed, "every held connection is closed by the server");
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
      } finally {
        for (java.nio.channels.SocketChannel ch : held) {
          ch.close();
        }
      }
      assertEquals(200, Exposition.scrape(metrics.address(), "/metrics").status);
    }
  }

  /** Reads until the server closes (true) or the socket's timeout passes (false). */
  private static boolean readsToEnd(java.io.InputStream in) {
    try {
      while (in.read() >= 0) {
        // whatever the server sends before it closes
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset: closed too
    }
  }
}

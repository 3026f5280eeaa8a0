package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.loombus.broker.BrokerHandle;

/**
 * A broker's figures for Prometheus: {@code GET /metrics} answers with the text exposition format
 * (version 0.0.4), computed at the moment of the request. Served by the JDK's own HTTP server on
 * {@value #THREADS} threads of its own, with at most {@value #MAX_CONNECTIONS} connections open
 * and {@value #REQUEST_SECONDS} s for a request to arrive whole: a client holding connections
 * open with partial requests can neither exhaust the daemon's descriptors nor its threads. Other
 * paths get 404, other methods 405.
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** Where the metrics are. */
  public static final String PATH = "/metrics";
  /** Threads that answer requests. */
  static final int THREADS = 2;
  /** Connections open at once; more are closed as they come. */
  static final int MAX_CONNECTIONS = 16;
  /** Seconds a request may take to arrive, headers and all. */
  static final int REQUEST_SECONDS = 5;

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds the address and starts serving.
   *
   * @param broker the broker to show
   * @param address where to listen; port 0 picks a free one (see {@link #address()})
   * @return the running endpoint
   * @throws IOException with a one-line reason naming the address if it cannot be bound
   */
  public static MetricsEndpoint start(BrokerHandle broker, InetSocketAddress address)
      throws IOException {
    String where = address.getHostString().contains(":")
        ? "[" + address.getHostString() + "]:" + address.getPort()
        : address.getHostString() + ":" + address.getPort();
    if (address.isUnresolved()) {
      throw new IOException("cannot bind the metrics endpoint to " + where + ": unknown host");
    }
    limitTheJdkServer();
    HttpServer server;
    try {
      server = HttpServer.create(address, MAX_CONNECTIONS);
    } catch (IOException e) {
      throw new IOException(
          "cannot bind the metrics endpoint to " + where + ": " + e.getMessage(), e);
    }
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 5, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("loombus-metrics-", 0)
        .factory());
    executor.allowCoreThreadTimeOut(true); // no thread kept while nobody scrapes
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(broker, exchange));
    server.start();
    return new MetricsEndpoint(server, executor);
  }

  /**
   * The JDK's HTTP server takes its limits from system properties, read once when it is first
   * used; an operator's own setting of one wins.
   */
  private static void limitTheJdkServer() {
    setUnlessSet("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
    setUnlessSet("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    setUnlessSet("sun.net.httpserver.maxReqHeaders", "64");
    setUnlessSet("sun.net.httpserver.maxIdleConnections", "4");
    setUnlessSet("sun.net.httpserver.idleInterval", "10");
  }

  private static void setUnlessSet(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** @return the address the endpoint listens on */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void serve(BrokerHandle broker, HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, "text/plain; charset=utf-8", "not found: try " + PATH + "\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
      } else {
        reply(exchange, 200, PrometheusText.CONTENT_TYPE, BrokerMetrics.render(broker));
      }
    }
  }

  private static void reply(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops listening; a scrape under way is cut short. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
  }
}

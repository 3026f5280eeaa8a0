package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;

/**
 * A broker's figures for Prometheus: {@code GET /metrics} answers with the text exposition format
 * (version 0.0.4), computed at the moment of the request; with {@link Builder#dashboard}, the same
 * server also carries the web dashboard (docs/dashboard.md). Served by the JDK's own HTTP server
 * on {@value #THREADS} threads of its own, with at most {@value #MAX_CONNECTIONS} connections open
 * and {@value #REQUEST_SECONDS} s for a request to arrive whole: a client holding connections
 * open with partial requests can neither exhaust the daemon's descriptors nor its threads. Other
 * paths get 404; any method but GET and HEAD gets 405, so nothing served changes the broker.
 * With {@link Builder#token}, every request for data needs the token (401 without it).
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
   * Binds the address and serves {@code /metrics} only, to anyone who can reach it.
   *
   * @param broker the broker to show
   * @param address where to listen; port 0 picks a free one (see {@link #address()})
   * @return the running endpoint
   * @throws IOException with a one-line reason naming the address if it cannot be bound
   */
  public static MetricsEndpoint start(BrokerHandle broker, InetSocketAddress address)
      throws IOException {
    return builder(broker, address).start();
  }

  /**
   * @param broker the broker to show
   * @param address where to listen; port 0 picks a free one (see {@link #address()})
   * @return a builder of an endpoint that serves {@code /metrics}, to add the dashboard or a token
   */
  public static Builder builder(BrokerHandle broker, InetSocketAddress address) {
    return new Builder(broker, address);
  }

  /** What the endpoint serves and to whom. */
  public static final class Builder {
    private final BrokerHandle broker;
    private final InetSocketAddress address;
    private boolean dashboard;
    private AaaMap rules;
    private HttpToken token;
    private AldrinBroker aldrin;

    private Builder(BrokerHandle broker, InetSocketAddress address) {
      this.broker = broker;
      this.address = address;
    }

    /**
     * Serves the web dashboard too: the page on {@code /}, its data under {@code /api/}, live
     * tails of topics limited by the rules of the client {@code loombus.dashboard}.
     *
     * @param rules the access rules in force, or {@code null} when the broker has none (then any
     *     topic may be tailed, as any client may subscribe to any)
     * @return this builder
     */
    public Builder dashboard(AaaMap rules) {
      this.dashboard = true;
      this.rules = rules;
      return this;
    }

    /**
     * Requires a token on every request but those for the page's own files (which hold no data):
     * {@code Authorization: Bearer TOKEN} or {@code ?token=TOKEN}; others get 401.
     *
     * @param token the secret
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder token(String token) {
      this.token = new HttpToken(token);
      return this;
    }

    /**
     * Shows an Aldrin bus's figures on {@code /metrics} too, as {@code loombus_aldrin_*}: its
     * gauges and its counters since it started ({@link AldrinBroker#counters()}).
     *
     * @param bus the Aldrin broker beside the broker
     * @return this builder
     */
    public Builder aldrin(AldrinBroker bus) {
      this.aldrin = Objects.requireNonNull(bus, "bus");
      return this;
    }

    /**
     * Binds the address and starts serving.
     *
     * @return the running endpoint
     * @throws IOException with a one-line reason naming the address if it cannot be bound
     */
    public MetricsEndpoint start() throws IOException {
      return MetricsEndpoint.start(broker, aldrin, address,
          dashboard ? new Dashboard(broker, rules) : null, token);
    }
  }

  private static MetricsEndpoint start(BrokerHandle broker, AldrinBroker aldrin,
      InetSocketAddress address, Dashboard dashboard, HttpToken token) throws IOException {
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
    server.createContext("/", exchange -> serve(broker, aldrin, dashboard, token, exchange));
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

  private static void serve(BrokerHandle broker, AldrinBroker aldrin, Dashboard dashboard,
      HttpToken token, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    boolean streaming = false;
    try {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpReply.text(exchange, 405, "only GET and HEAD\n");
      } else if (token != null && !(dashboard != null && Dashboard.isPageFile(path))
          && !token.admits(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"loombus\"");
        HttpReply.text(exchange, 401, "a token is required: Authorization: Bearer TOKEN, or"
            + " ?token=TOKEN\n");
      } else if (PATH.equals(path)) {
        HttpReply.send(exchange, 200, PrometheusText.CONTENT_TYPE,
            BrokerMetrics.render(broker, aldrin).getBytes(StandardCharsets.UTF_8));
      } else {
        Dashboard.Outcome outcome =
            dashboard == null ? Dashboard.Outcome.NOT_MINE : dashboard.serve(exchange, path);
        if (outcome == Dashboard.Outcome.NOT_MINE) {
          HttpReply.text(exchange, 404, "not found: try " + PATH
              + (dashboard == null ? "" : " or /") + "\n");
        }
        // a tail that started streaming owns the exchange now, and closes it when it ends
        streaming = outcome == Dashboard.Outcome.STREAMING;
      }
    } finally {
      if (!streaming) {
        exchange.close();
      }
    }
  }

  /** Stops listening; a scrape under way is cut short. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
  }
}

package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;

/**
 * The web dashboard on the metrics endpoint (docs/dashboard.md): the page, its script and style
 * (resources of this module, read once), and the JSON and event-stream endpoints under
 * {@code /api/} that it polls. Everything it serves only reads the broker.
 */
final class Dashboard {
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html",
      "/dashboard.js", "dashboard.js",
      "/dashboard.css", "dashboard.css");
  private static final Map<String, String> TYPES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "dashboard.js", "text/javascript; charset=utf-8",
      "dashboard.css", "text/css; charset=utf-8");

  private final BrokerHandle broker;
  private final AaaMap rules;
  private final Tails tails;
  private final Map<String, byte[]> files;

  /**
   * @param broker the broker to show
   * @param rules the access rules in force, or {@code null} for none
   */
  Dashboard(BrokerHandle broker, AaaMap rules) {
    this.broker = broker;
    this.rules = rules;
    this.tails = new Tails(broker, new DashboardAccess(rules));
    this.files = Map.of("index.html", resource("index.html"),
        "dashboard.js", resource("dashboard.js"), "dashboard.css", resource("dashboard.css"));
  }

  private static byte[] resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream("dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's " + name + " is missing from the module");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return whether the path is one of the page's own files, which hold no broker data */
  static boolean isPageFile(String path) {
    return FILES.containsKey(path);
  }

  /** What became of a request. */
  enum Outcome {
    /** Not a dashboard path. */
    NOT_MINE,
    /** Answered; the caller closes the exchange. */
    ANSWERED,
    /** A tail streams it, and closes it when it ends. */
    STREAMING
  }

  /** Answers a GET or HEAD of a dashboard path. */
  Outcome serve(HttpExchange exchange, String path) throws IOException {
    String file = FILES.get(path);
    if (file != null) {
      exchange.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; frame-ancestors 'none'");
      HttpReply.send(exchange, 200, TYPES.get(file), files.get(file));
      return Outcome.ANSWERED;
    }
    DashboardAccess access = tails.access();
    InetSocketAddress viewer = exchange.getRemoteAddress();
    switch (path) {
      case "/api/clients", "/api/stats" -> {
        DashboardAccess.Decision d = access.readBroker(viewer);
        if (!d.allowed()) {
          HttpReply.text(exchange, 403, "refused: " + d.refusal() + "\n");
        } else {
          HttpReply.json(exchange, path.equals("/api/clients")
              ? DashboardJson.clients(broker) : DashboardJson.stats(broker, tails));
        }
      }
      case "/api/rules" -> {
        DashboardAccess.Decision d = access.admit(viewer);
        if (!d.allowed()) {
          HttpReply.text(exchange, 403, "refused: " + d.refusal() + "\n");
        } else {
          HttpReply.json(exchange, DashboardJson.rules(rules, access, viewer));
        }
      }
      case "/api/tail" -> {
        return tails.serve(exchange) ? Outcome.STREAMING : Outcome.ANSWERED;
      }
      default -> {
        return Outcome.NOT_MINE;
      }
    }
    return Outcome.ANSWERED;
  }
}

package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Replies and query parameters of the endpoint's requests, shared by every path it serves. */
final class HttpReply {
  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";

  private HttpReply() {}

  /** Sends a whole reply; a HEAD request gets the status and headers only. */
  static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    // the dashboard's data is live: no cache, and no other site may frame or sniff it
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static void text(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  static void json(HttpExchange exchange, String json) throws IOException {
    send(exchange, 200, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param exchange a request
   * @param name a query parameter's name
   * @return its first value, decoded, or {@code null} if absent
   */
  static String query(HttpExchange exchange, String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return null;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(key).equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s; // a bad %-escape is kept as it is; it then matches nothing
    }
  }
}

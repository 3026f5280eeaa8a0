package org.loombus.management;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret a request must carry when the endpoint requires one: {@code Authorization: Bearer
 * TOKEN} (what Prometheus sends with {@code authorization.credentials_file}) or {@code ?token=}
 * (what a browser's {@code EventSource} can send). Compared in constant time.
 */
final class HttpToken {
  private final byte[] token;

  HttpToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the token is empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** @return whether the request carries the token */
  boolean admits(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        && matches(header.substring(7).strip())) {
      return true;
    }
    String query = HttpReply.query(exchange, "token");
    return query != null && matches(query);
  }

  private boolean matches(String given) {
    return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }
}

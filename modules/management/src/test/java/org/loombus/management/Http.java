package org.loombus.management;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/** Requests to the endpoint under test over real HTTP, with the JDK's client. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static URI uri(InetSocketAddress at, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + at.getPort() + pathAndQuery);
  }

  /** @param headers name, value, name, value, … */
  static HttpResponse<String> request(InetSocketAddress at, String method, String pathAndQuery,
      String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(at, pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .method(method, method.equals("GET") || method.equals("HEAD")
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("x"));
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> get(InetSocketAddress at, String pathAndQuery, String... headers) {
    return request(at, "GET", pathAndQuery, headers);
  }

  /** A Server-Sent Events stream, read event by event; close it to leave. */
  static final class Events implements AutoCloseable {
    final int status;
    final String contentType;
    private final Stream<String> lines;
    private final Iterator<String> it;

    Events(InetSocketAddress at, String pathAndQuery) {
      HttpRequest r = HttpRequest.newBuilder(uri(at, pathAndQuery)).GET().build();
      HttpResponse<Stream<String>> response;
      try {
        response = CLIENT.send(r, HttpResponse.BodyHandlers.ofLines());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      status = response.statusCode();
      contentType = response.headers().firstValue("Content-Type").orElse("");
      lines = response.body();
      it = lines.iterator();
    }

    /**
     * @return the next event's lines joined by newlines (comments, the keep-alives, skipped),
     *     or {@code null} when the stream ended
     */
    String next() {
      StringBuilder event = new StringBuilder();
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (!event.isEmpty()) {
            return event.toString();
          }
        } else if (!line.startsWith(":")) {
          event.append(event.isEmpty() ? "" : "\n").append(line);
        }
      }
      return event.isEmpty() ? null : event.toString();
    }

    @Override
    public void close() {
      lines.close();
    }
  }
}

package org.loombus.server;

import java.nio.file.Path;

/**
 * One {@code -B} value of busrtd's command line (docs/protocol.md §7.2): {@code fifo:PATH} is the
 * FIFO command channel, {@code ws://HOST:PORT/PATH} and {@code wss://…} a WebSocket listener
 * (Loombus's addition: the reference offers WebSocket only to code), a value ending in
 * {@code .sock}, {@code .socket} or {@code .ipc} or starting with {@code /} is a Unix socket,
 * anything else is TCP {@code host:port}.
 *
 * @param kind what to bind
 * @param text the value exactly as given (reported as {@code port} in {@code client.list})
 * @param path the file of a Unix socket or FIFO, else {@code null}
 * @param host the TCP or WebSocket host, else {@code null}
 * @param port the TCP or WebSocket port, else 0
 * @param resource the HTTP path a WebSocket client must request ({@code /} when none is given),
 *     else {@code null}
 * @param tls whether a WebSocket listener speaks TLS ({@code wss://})
 */
public record BindAddress(Kind kind, String text, Path path, String host, int port,
    String resource, boolean tls) {
  /** Listener kinds. */
  public enum Kind {
    /** Unix domain stream socket. */
    UNIX,
    /** TCP socket. */
    TCP,
    /** Named pipe of text commands. */
    FIFO,
    /** WebSocket (RFC 6455) over TCP, or over TLS for {@code wss://}. */
    WEBSOCKET
  }

  /**
   * @param text a {@code -B} value
   * @return the parsed address
   * @throws IllegalArgumentException if a TCP value is not {@code host:port} with a valid port,
   *     or a WebSocket value not {@code ws://host[:port][/path]}
   */
  public static BindAddress parse(String text) {
    if (text.startsWith("fifo:")) {
      return new BindAddress(Kind.FIFO, text, Path.of(text.substring(5)), null, 0, null, false);
    }
    if (text.startsWith("ws://") || text.startsWith("wss://")) {
      return webSocket(text);
    }
    if (text.startsWith("/") || text.endsWith(".sock") || text.endsWith(".socket")
        || text.endsWith(".ipc")) {
      return new BindAddress(Kind.UNIX, text, Path.of(text), null, 0, null, false);
    }
    HostPort hp = HostPort.parse(text, text, -1);
    return new BindAddress(Kind.TCP, text, null, hp.host, hp.port, null, false);
  }

  /** {@code ws://host[:port][/path]}; the port defaults to HTTP's 80 or HTTPS's 443. */
  private static BindAddress webSocket(String text) {
    boolean tls = text.startsWith("wss://");
    String rest = text.substring(tls ? 6 : 5);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String resource = slash < 0 ? "/" : rest.substring(slash);
    if (authority.isEmpty() || resource.contains("?") || resource.contains("#")
        || resource.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
      throw new IllegalArgumentException("'" + text + "' is not ws://host[:port][/path]");
    }
    HostPort hp = HostPort.parse(text, authority, tls ? 443 : 80);
    return new BindAddress(Kind.WEBSOCKET, text, null, hp.host, hp.port, resource, tls);
  }

  private record HostPort(String host, int port) {
    /**
     * @param text the whole value, for the message
     * @param authority {@code host:port} or {@code [v6]:port}; without the port if it has a default
     * @param defaultPort the port when none is given, or -1 if one is required
     */
    static HostPort parse(String text, String authority, int defaultPort) {
      int colon = authority.lastIndexOf(':');
      if (defaultPort >= 0 && (colon < 0 || authority.endsWith("]"))) {
        return new HostPort(unbracket(authority), defaultPort);
      }
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "'" + text + "' is neither a Unix socket path nor host:port");
      }
      int port;
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("'" + text + "' has no valid TCP port");
      }
      return new HostPort(unbracket(authority.substring(0, colon)), port);
    }

    private static String unbracket(String host) {
      return host.startsWith("[") && host.endsWith("]")
          ? host.substring(1, host.length() - 1) : host;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}

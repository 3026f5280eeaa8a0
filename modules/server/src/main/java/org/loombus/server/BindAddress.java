package org.loombus.server;

import java.nio.file.Path;

/**
 * One {@code -B} value of busrtd's command line (docs/protocol.md §7.2): {@code fifo:PATH} is the
 * FIFO command channel, a value ending in {@code .sock}, {@code .socket} or {@code .ipc} or
 * starting with {@code /} is a Unix socket, anything else is TCP {@code host:port}.
 *
 * @param kind what to bind
 * @param text the value exactly as given (reported as {@code port} in {@code client.list})
 * @param path the file of a Unix socket or FIFO, else {@code null}
 * @param host the TCP host, else {@code null}
 * @param port the TCP port, else 0
 */
public record BindAddress(Kind kind, String text, Path path, String host, int port) {
  /** Listener kinds. */
  public enum Kind {
    /** Unix domain stream socket. */
    UNIX,
    /** TCP socket. */
    TCP,
    /** Named pipe of text commands. */
    FIFO
  }

  /**
   * @param text a {@code -B} value
   * @return the parsed address
   * @throws IllegalArgumentException if a TCP value is not {@code host:port} with a valid port
   */
  public static BindAddress parse(String text) {
    if (text.startsWith("fifo:")) {
      return new BindAddress(Kind.FIFO, text, Path.of(text.substring(5)), null, 0);
    }
    if (text.startsWith("/") || text.endsWith(".sock") || text.endsWith(".socket")
        || text.endsWith(".ipc")) {
      return new BindAddress(Kind.UNIX, text, Path.of(text), null, 0);
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is neither a Unix socket path nor host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "' has no valid TCP port");
    }
    return new BindAddress(Kind.TCP, text, null, host, port);
  }

  @Override
  public String toString() {
    return text;
  }
}

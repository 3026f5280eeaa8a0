package org.loombus.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where a broker listens, parsed from a BUS/RT address string (docs/protocol.md §1.1): a Unix
 * socket path, or TCP {@code host:port}.
 *
 * @param text the address as given
 * @param path the socket file for a Unix address, else {@code null}
 * @param host the TCP host (brackets of an IPv6 literal removed), else {@code null}
 * @param port the TCP port, else 0
 */
public record Endpoint(String text, Path path, String host, int port) {

  /**
   * @param text a path starting with {@code /} or ending in {@code .sock}, {@code .socket} or
   *     {@code .ipc}; otherwise {@code host:port}
   * @return the endpoint
   * @throws IllegalArgumentException if a TCP address lacks a host or a port from 1 to 65535
   */
  public static Endpoint parse(String text) {
    if (text.startsWith("/") || text.endsWith(".sock") || text.endsWith(".socket")
        || text.endsWith(".ipc")) {
      return new Endpoint(text, Path.of(text), null, 0);
    }
    int colon = text.lastIndexOf(':');
    String host = colon > 0 ? text.substring(0, colon) : "";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("'" + text
          + "' is neither a Unix socket path (/..., *.sock, *.socket, *.ipc) nor host:port");
    }
    return new Endpoint(text, null, host, port);
  }

  /** @return whether this is a Unix socket */
  public boolean isUnix() {
    return path != null;
  }

  /** @return an unconnected blocking channel of the right protocol family */
  SocketChannel openChannel() throws IOException {
    return isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
  }

  /**
   * @return the address to connect to; a TCP host name is resolved now (may block)
   * @throws UnknownHostException if the host name cannot be resolved
   */
  SocketAddress resolve() throws UnknownHostException {
    if (isUnix()) {
      return UnixDomainSocketAddress.of(path);
    }
    InetSocketAddress a = new InetSocketAddress(host, port);
    if (a.isUnresolved()) {
      throw new UnknownHostException("unknown host " + host);
    }
    return a;
  }

  @Override
  public String toString() {
    return text;
  }
}

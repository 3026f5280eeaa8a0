package org.loombus.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Connected pairs of plain Unix-domain stream sockets for the baselines. The JDK has no
 * socketpair(2), so a listener on a temporary path accepts one connection per pair.
 */
final class SocketPairs implements AutoCloseable {
  private final Path dir;
  private final List<SocketChannel> clients = new ArrayList<>();
  private final List<SocketChannel> servers = new ArrayList<>();

  private SocketPairs(Path dir) {
    this.dir = dir;
  }

  /**
   * @param pairs how many pairs
   * @return connected pairs
   * @throws IOException if a socket cannot be set up
   */
  static SocketPairs open(int pairs) throws IOException {
    SocketPairs p = new SocketPairs(Files.createTempDirectory("loombus-bench-raw"));
    Path path = p.dir.resolve("raw.sock");
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
    try {
      try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        listener.bind(address);
        for (int i = 0; i < pairs; i++) {
          p.clients.add(SocketChannel.open(address));
          p.servers.add(listener.accept());
        }
      } finally {
        Files.deleteIfExists(path);
      }
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  /** @return the connecting end of pair {@code i} */
  SocketChannel client(int i) {
    return clients.get(i);
  }

  /** @return the accepted end of pair {@code i} */
  SocketChannel server(int i) {
    return servers.get(i);
  }

  @Override
  public void close() throws IOException {
    for (SocketChannel ch : clients) {
      ch.close();
    }
    for (SocketChannel ch : servers) {
      ch.close();
    }
    Files.deleteIfExists(dir);
  }
}

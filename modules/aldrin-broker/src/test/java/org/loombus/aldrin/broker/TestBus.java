package org.loombus.aldrin.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.UnaryOperator;

/**
 * A real broker behind a real TCP listener on 127.0.0.1 (an ephemeral port), for tests.
 * Accepted sockets may get a small send buffer, so that tests can make a client fall behind.
 */
final class TestBus implements AutoCloseable {
  final AldrinBroker broker;
  private final ServerSocketChannel server;
  private final int sendBuffer;

  TestBus() throws IOException {
    this(c -> c, 0);
  }

  /**
   * @param tweak changes to the default configuration
   * @param sendBuffer SO_SNDBUF of accepted sockets, or 0 for the system's
   */
  TestBus(UnaryOperator<AldrinBrokerConfig> tweak, int sendBuffer) throws IOException {
    broker = AldrinBroker.start(tweak.apply(AldrinBrokerConfig.defaults()));
    this.sendBuffer = sendBuffer;
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread.ofVirtual().start(this::acceptLoop);
  }

  int port() throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  /** @return a client that has done the second handshake offering 1.{@code minor} */
  TestClient client(int minor) throws IOException {
    TestClient c = TestClient.open(port(), 0);
    c.handshake(minor);
    return c;
  }

  /** @return a connected client that has sent nothing yet */
  TestClient raw() throws IOException {
    return TestClient.open(port(), 0);
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel ch;
      try {
        ch = server.accept();
        if (sendBuffer > 0) {
          ch.setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
        }
      } catch (IOException e) {
        return;
      }
      Thread.ofVirtual().start(() -> broker.serve(ch, "tcp test"));
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    broker.shutdown();
  }
}

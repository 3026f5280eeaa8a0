package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.aldrin.broker.TestClient.uuid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.Shutdown;

/** One client shut down through its handle, and the idle shutdown of the whole broker. */
class ConnectionHandleTest {
  @Test
  void aHandleShutsDownItsClientOnly() throws Exception {
    try (TestBus bus = new TestBus(); Handled handled = new Handled(bus.broker);
        TestClient other = bus.client(20)) {
      TestClient a = handled.client;
      a.createService(a.createObject(uuid(1)), uuid(2), 1);
      ConnectionHandle h = handled.handle;
      assertEquals(new ProtocolVersion(1, 20), h.version());
      assertTrue(h.shutdown());
      a.expect(new Shutdown());
      a.send(new Shutdown());
      a.expectClosed();
      other.sync();
      AldrinStatistics s = bus.broker.takeStatistics();
      assertEquals(1, s.connections());
      assertEquals(0, s.objects());
      assertEquals(0, s.services());
      assertFalse(h.shutdown(), "the client has left");
      assertThrows(IllegalStateException.class, handled.connection::run);
    }
  }

  @Test
  void aClientNotAnsweringItsShutdownIsDroppedAfterTheHandshakeTimeout() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withHandshakeTimeout(Duration.ofMillis(300)), 0);
        Handled handled = new Handled(bus.broker)) {
      assertTrue(handled.handle.shutdown());
      handled.client.expect(new Shutdown());
      handled.client.expectClosed(); // it never answers
      assertEquals(1, bus.broker.counters().shutdownsUnanswered());
    }
  }

  @Test
  void anIdleShutdownWaitsForTheLastClientAndAcceptsUntilThen() throws Exception {
    try (TestBus bus = new TestBus()) {
      TestClient a = bus.client(20);
      TestClient b = bus.client(19);
      bus.broker.shutdownIdle();
      TestClient c = bus.client(20); // still accepted
      c.sync();
      a.sync(); // and nobody was told to shut down
      assertFalse(bus.broker.awaitStopped(Duration.ofMillis(200)));
      a.shutdown();
      b.close();
      assertFalse(bus.broker.awaitStopped(Duration.ofMillis(200)));
      c.close();
      assertTrue(bus.broker.awaitStopped(Duration.ofSeconds(10)));
      try (TestClient late = bus.raw()) {
        late.send(new Connect2(1, 20, RawValue.NONE));
        late.expectClosed();
      }
    }
  }

  @Test
  void anIdleShutdownWithoutClientsStopsAtOnce() throws Exception {
    try (TestBus bus = new TestBus()) {
      bus.broker.shutdownIdle();
      assertTrue(bus.broker.awaitStopped(Duration.ofSeconds(10)));
    }
  }

  /** A client accepted through {@link AldrinBroker#connect}, served on a thread of its own. */
  private static final class Handled implements AutoCloseable {
    final TestClient client;
    final ConnectionHandle handle;
    final Connection connection;
    private final ServerSocketChannel server;

    Handled(AldrinBroker broker) throws Exception {
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      CompletableFuture<Connection> accepted = new CompletableFuture<>();
      Thread.ofVirtual().start(() -> {
        try {
          SocketChannel ch = server.accept();
          Connection c = broker.connect(ch, "tcp handled").orElseThrow();
          accepted.complete(c);
          c.run();
        } catch (IOException | RuntimeException e) {
          accepted.completeExceptionally(e);
        }
      });
      client = TestClient.open(((InetSocketAddress) server.getLocalAddress()).getPort(), 0);
      client.handshake(20);
      connection = accepted.get(10, TimeUnit.SECONDS);
      handle = connection.handle();
    }

    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }
}

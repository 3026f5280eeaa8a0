package org.loombus.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.FrameSplitter;
import org.loombus.aldrin.protocol.HandshakeData;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.SubscribeEvent;
import org.loombus.aldrin.protocol.SubscribeEventReply;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.SyncReply;
import org.loombus.aldrin.protocol.UnsubscribeEvent;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;
import org.loombus.testkit.Exposition;
import org.loombus.testkit.TestBroker;

/**
 * An Aldrin bus's figures on {@code /metrics} and in JMX, while real Aldrin clients use it over
 * TCP: the gauges exactly, and the disconnect of a client that never reads, counted once.
 */
class AldrinMetricsTest {
  private static final ObjectName ALDRIN = name(AldrinJmx.NAME);

  private static ObjectName name(String text) {
    try {
      return new ObjectName(text);
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }

  private static Object attribute(String attribute) {
    try {
      return ManagementFactory.getPlatformMBeanServer().getAttribute(ALDRIN, attribute);
    } catch (JMException e) {
      throw new AssertionError(attribute, e);
    }
  }

  /** An Aldrin broker behind a TCP listener on 127.0.0.1, accepted sockets with small buffers. */
  private static final class Bus implements AutoCloseable {
    final AldrinBroker broker;
    private final ServerSocketChannel server;

    Bus(UnaryOperator<AldrinBrokerConfig> tweak) throws IOException {
      broker = AldrinBroker.start(tweak.apply(AldrinBrokerConfig.defaults()));
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      Thread.ofVirtual().start(() -> {
        while (true) {
          try {
            SocketChannel ch = server.accept();
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            Thread.ofVirtual().start(() -> broker.serve(ch, "tcp test"));
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    /** @return a client that has done the handshake of protocol 1.20 */
    Client client() throws IOException {
      Client c = new Client(((InetSocketAddress) server.getLocalAddress()).getPort());
      RawValue noData = ValueCodec.encode(HandshakeData.of(Optional.empty()), ValueEpoch.V2);
      c.send(new Connect2(1, 20, noData));
      c.expect(new ConnectReply2(new ConnectReply2.Result.Ok(20), noData));
      return c;
    }

    @Override
    public void close() throws IOException {
      server.close();
      broker.shutdown();
    }
  }

  /** A raw Aldrin 1.20 client on the protocol module's codec; its receive buffer is small. */
  private static final class Client implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;

    Client(int port) throws IOException {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
    }

    void send(AldrinMessage m) throws IOException {
      socket.getOutputStream().write(MessageCodec.encode(m));
    }

    AldrinMessage receive() throws IOException {
      byte[] prefix = new byte[4];
      in.readFully(prefix);
      int length = (int) FrameSplitter.declaredLength(prefix, 0);
      byte[] frame = new byte[length];
      System.arraycopy(prefix, 0, frame, 0, 4);
      in.readFully(frame, 4, length - 4);
      try {
        return MessageCodec.decode(frame, ValueEpoch.V2, DecodeRules.STRICT);
      } catch (AldrinDecodeException e) {
        throw new AssertionError(e);
      }
    }

    void expect(AldrinMessage m) throws IOException {
      assertEquals(m, receive());
    }

    /** @return the cookie of the new service, on a new object */
    UUID createService() throws IOException {
      send(new CreateObject(1, new UUID(0, 1)));
      CreateObjectReply o = (CreateObjectReply) receive();
      UUID object = ((CreateObjectReply.Result.Ok) o.result()).cookie();
      send(new CreateService(2, object, new UUID(0, 2), 1));
      CreateServiceReply s = (CreateServiceReply) receive();
      return ((CreateServiceReply.Result.Ok) s.result()).cookie();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static MetricsEndpoint endpoint(TestBroker broker, AldrinBroker aldrin) {
    try {
      MetricsEndpoint.Builder b =
          MetricsEndpoint.builder(broker.handle(), new InetSocketAddress("127.0.0.1", 0));
      return (aldrin == null ? b : b.aldrin(aldrin)).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestBroker quietBroker() {
    return TestBroker.start(b -> b.coreClient(false).timeout(Duration.ofSeconds(30)));
  }

  private static void assertDisconnects(Exposition m, long queueFull) {
    Map<String, Long> want = Map.of("queue_full", queueFull, "write_deadline", 0L, "protocol",
        0L, "entry_limit", 0L, "handshake_timeout", 0L, "shutdown_unanswered", 0L);
    want.forEach((reason, n) -> assertEquals(n,
        (long) m.value("loombus_aldrin_disconnects_total", "reason", reason), reason));
  }

  @Test
  @DisplayName("/metrics and the Aldrin MBean show exactly what two clients hold and sent")
  void gaugesAndCounters() throws IOException {
    try (TestBroker broker = quietBroker(); Bus bus = new Bus(c -> c);
        MetricsEndpoint metrics = endpoint(broker, bus.broker);
        AldrinJmx jmx = AldrinJmx.register(bus.broker);
        Client a = bus.client(); Client b = bus.client()) {
      a.createService();
      b.send(new Sync(7));
      b.expect(new SyncReply(7));
      Exposition m = Exposition.scrape(metrics.address(), "/metrics");
      assertEquals(200, m.status);
      Map<String, Long> gauges = Map.of("loombus_aldrin_connections", 2L,
          "loombus_aldrin_objects", 1L, "loombus_aldrin_services", 1L,
          "loombus_aldrin_channels", 0L, "loombus_aldrin_bus_listeners", 0L,
          "loombus_aldrin_introspections", 0L);
      gauges.forEach((metric, n) -> {
        assertEquals("gauge", m.types.get(metric), metric);
        assertEquals(n, (long) m.value(metric), metric);
      });
      // CreateObject, CreateService and Sync in; their three answers out
      assertEquals(3, m.value("loombus_aldrin_messages_received_total"));
      assertEquals(3, m.value("loombus_aldrin_messages_sent_total"));
      assertEquals(2, m.value("loombus_aldrin_connections_accepted_total"));
      assertEquals(0, m.value("loombus_aldrin_handshakes_refused_total"));
      assertEquals("counter", m.types.get("loombus_aldrin_disconnects_total"));
      assertDisconnects(m, 0);

      assertEquals(2, attribute("Connections"));
      assertEquals(1, attribute("Objects"));
      assertEquals(1, attribute("Services"));
      assertEquals(0, attribute("Channels"));
      assertEquals(0, attribute("BusListeners"));
      assertEquals(0, attribute("Introspections"));
      assertEquals(3L, attribute("MessagesReceived"));
      assertEquals(3L, attribute("MessagesSent"));
      assertEquals(2L, attribute("ConnectionsAccepted"));
      assertEquals(0L, attribute("QueueFullDisconnects"));
    }
    assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(ALDRIN));
  }

  @Test
  @DisplayName("A subscriber that never reads is dropped once its queue is full, counted once")
  void queueFullDisconnectIsCounted() throws IOException {
    try (TestBroker broker = quietBroker();
        Bus bus = new Bus(c -> c.withMaxFrameLength(64 * 1024).withQueue(16, 1 << 20)
            .withWriteDeadline(Duration.ofSeconds(60)));
        MetricsEndpoint metrics = endpoint(broker, bus.broker);
        AldrinJmx jmx = AldrinJmx.register(bus.broker);
        Client owner = bus.client()) {
      UUID service = owner.createService();
      try (Client slow = bus.client()) {
        slow.send(new SubscribeEvent(OptionalInt.of(1), service, 0));
        slow.expect(new SubscribeEventReply(1, SubscribeEventReply.Result.OK));
        owner.expect(new SubscribeEvent(OptionalInt.empty(), service, 0));
        RawValue event = ValueCodec.encode(new AldrinValue.StringValue("x".repeat(8192)),
            ValueEpoch.V2);
        // each event then a Sync, until the owner hears that its subscriber is gone
        for (int serial = 10; ; serial++) {
          owner.send(new EmitEvent(service, 0, event));
          owner.send(new Sync(serial));
          AldrinMessage reply = owner.receive();
          if (reply.equals(new UnsubscribeEvent(service, 0))) {
            owner.expect(new SyncReply(serial));
            break;
          }
          assertEquals(new SyncReply(serial), reply);
        }
        Exposition m = Exposition.scrape(metrics.address(), "/metrics");
        assertDisconnects(m, 1);
        assertEquals(1, m.value("loombus_aldrin_connections"));
        assertEquals(2, m.value("loombus_aldrin_connections_accepted_total"));
        assertEquals(1L, attribute("QueueFullDisconnects"));
        assertEquals(1, attribute("Connections"));
      }
    }
  }

  @Test
  @DisplayName("Without an Aldrin bus, /metrics has no loombus_aldrin_ family")
  void absentWithoutAldrin() {
    try (TestBroker broker = quietBroker(); MetricsEndpoint metrics = endpoint(broker, null)) {
      Exposition m = Exposition.scrape(metrics.address(), "/metrics");
      assertEquals(200, m.status);
      assertFalse(m.text.contains("loombus_aldrin_"), m.text);
    }
  }
}

package org.loombus.broker.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.ClientKind;
import org.loombus.broker.RemoteAck;
import org.loombus.broker.RemoteClient;
import org.loombus.broker.RemoteDelivery;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.RemoteStatistics;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/** What the broker hands a federation provider, and what it does with frames it hands back. */
@DisplayName("the federation SPI")
class FederationSpiTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration QUIET = Duration.ofMillis(100);

  /** Records every call, in order; answers direct messages with a fixed code. */
  private static final class Recorder implements RemoteRoutes {
    final List<String> calls = new ArrayList<>();
    final Set<String> elsewhere = Set.of("taken");
    int messageCode = ResultCode.OK;

    @Override
    public int message(String sender, String target, byte[] src, int off, int len,
        boolean realtime, RemoteAck ack) {
      calls.add("message " + sender + " " + target + " " + new String(src, off, len, UTF_8)
          + (ack == null ? "" : " ack"));
      return messageCode;
    }

    @Override
    public void broadcast(String sender, String mask, byte[] src, int off, int len,
        boolean realtime) {
      calls.add("broadcast " + sender + " " + mask + " " + new String(src, off, len, UTF_8));
    }

    @Override
    public void publish(String sender, String topic, String receiver, byte[] src, int off,
        int len, boolean realtime) {
      calls.add("publish " + sender + " " + topic + " " + receiver + " "
          + new String(src, off, len, UTF_8));
    }

    @Override
    public boolean isRegisteredElsewhere(String primary) {
      return elsewhere.contains(primary);
    }

    @Override
    public void registered(String name, ClientKind kind) {
      calls.add("registered " + name);
    }

    @Override
    public void unregistered(String name) {
      calls.add("unregistered " + name);
    }

    @Override
    public void subscribed(String mask) {
      calls.add("subscribed " + mask);
    }

    @Override
    public void unsubscribed(String mask) {
      calls.add("unsubscribed " + mask);
    }

    @Override
    public List<RemoteClient> clients() {
      return List.of(new RemoteClient("far", ClientKind.TCP, "B", 1));
    }

    @Override
    public RemoteStatistics statistics() {
      return new RemoteStatistics("A", true, "nats://x", 0, 1, 2, 3, 4, 1, 1);
    }
  }

  private Broker broker;
  private final Recorder remote = new Recorder();

  private RemoteDelivery federate() {
    broker = Broker.create();
    return broker.handle().federate(remote);
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  private static String text(Frame f) {
    return f.kind() + " " + f.sender() + (f.topic() == null ? "" : " " + f.topic()) + " "
        + new String(f.payload(), UTF_8);
  }

  @Test
  @DisplayName("names and masks come and go in the table's order; dot-names stay local")
  void namesAndMasks() throws Exception {
    federate();
    assertEquals(List.of("subscribed .broker/warn"), remote.calls, "replayed at federate");
    remote.calls.clear();
    BusClient a = broker.handle().register("a");
    a.subscribe(List.of("x/#", "y"), Qos.PROCESSED).check();
    a.unsubscribe(List.of("y"), Qos.PROCESSED).check();
    BusClient s = a.registerSecondary();
    a.close();
    assertEquals(List.of("registered a", "subscribed .broker/warn", "subscribed x/#",
        "subscribed y", "unsubscribed y", "registered a%%0", "subscribed .broker/warn"),
        remote.calls.subList(0, 7));
    // a client's masks go (in its set's order) before its name, a primary before its secondary
    assertEquals(Set.of("unsubscribed .broker/warn", "unsubscribed x/#"),
        Set.copyOf(remote.calls.subList(7, 9)));
    assertEquals(List.of("unregistered a", "unsubscribed .broker/warn", "unregistered a%%0"),
        remote.calls.subList(9, remote.calls.size()));
    assertEquals(false, s.isConnected());
  }

  @Test
  @DisplayName("a primary name held elsewhere is refused with 76, even with force-register")
  void nameHeldElsewhere() {
    federate();
    BusException e = assertThrows(BusException.class, () -> broker.handle().register("taken"));
    assertEquals(ResultCode.BUSY, e.code());
  }

  @Test
  @DisplayName("a direct message to an unknown name goes to the provider, a local one does not")
  void directMessages() throws Exception {
    federate();
    BusClient a = broker.handle().register("a");
    BusClient b = broker.handle().register("b");
    remote.calls.clear();
    assertEquals(ResultCode.OK, a.send("b", "local".getBytes(UTF_8), Qos.PROCESSED).await());
    assertEquals("MESSAGE a local", text(b.receive(WAIT)));
    remote.messageCode = ResultCode.NOT_REGISTERED;
    assertEquals(ResultCode.NOT_REGISTERED,
        a.send("far", "remote".getBytes(UTF_8), Qos.PROCESSED).await());
    assertEquals(ResultCode.NOT_REGISTERED,
        a.send(".hidden", "dot".getBytes(UTF_8), Qos.PROCESSED).await());
    assertEquals(List.of("message a far remote"), remote.calls);
  }

  @Test
  @DisplayName("broadcasts and publications reach local clients, then the provider; frames from it only local clients")
  void fanOutAndInbound() throws Exception {
    RemoteDelivery in = federate();
    BusClient a = broker.handle().register("a.x");
    a.subscribe(List.of("t/#"), Qos.PROCESSED).check();
    remote.calls.clear();
    a.broadcast("a.*", "cast".getBytes(UTF_8), Qos.PROCESSED).check();
    a.publish("t/1", "pub".getBytes(UTF_8), Qos.PROCESSED).check();
    a.publishFor("t/2", "a.x", "for".getBytes(UTF_8), Qos.PROCESSED).check();
    assertEquals("BROADCAST a.x cast", text(a.receive(WAIT)));
    assertEquals("PUBLICATION a.x t/1 pub", text(a.receive(WAIT)));
    assertEquals("PUBLICATION a.x t/2 for", text(a.receive(WAIT)));
    assertEquals(List.of("broadcast a.x a.* cast", "publish a.x t/1 null pub",
        "publish a.x t/2 a.x for"), remote.calls);
    remote.calls.clear();
    byte[] body = "t/3remote".getBytes(UTF_8);
    assertEquals(1, in.publish("far".getBytes(UTF_8), "t/3", null, body, 0, 3, 3, 6, true));
    assertEquals(1, in.broadcast("far".getBytes(UTF_8), "a.?", body, 3, 6, false));
    assertEquals(ResultCode.OK, in.message("far".getBytes(UTF_8), "a.x", body, 3, 6, false));
    assertEquals(ResultCode.NOT_REGISTERED,
        in.message("far".getBytes(UTF_8), "nobody", body, 3, 6, false));
    Frame p = a.receive(WAIT);
    assertEquals("PUBLICATION far t/3 remote", text(p));
    assertEquals(true, p.isRealtime());
    assertEquals("BROADCAST far remote", text(a.receive(WAIT)));
    assertEquals("MESSAGE far remote", text(a.receive(WAIT)));
    assertNull(a.receive(QUIET));
    assertEquals(List.of(), remote.calls, "nothing from the provider goes back to it");
  }

  @Test
  @DisplayName("evict disconnects a socket client only; the handle shows the provider's clients and counters")
  void evictAndViews() throws Exception {
    RemoteDelivery in = federate();
    BusClient a = broker.handle().register("a");
    in.evict("a", "a test");
    assertEquals(true, a.isConnected(), "in-process clients are the embedder's own");
    in.evict("nobody", "a test");
    BrokerHandle h = broker.handle();
    assertEquals(List.of(new RemoteClient("far", ClientKind.TCP, "B", 1)), h.remoteClients());
    assertEquals("A", h.remoteStatistics().orElseThrow().node());
    assertThrows(IllegalStateException.class, () -> h.federate(remote));
  }
}

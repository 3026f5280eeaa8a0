package org.loombus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.testkit.TestBroker;

/** The socket client against a real broker: registration outcomes, keep-alive, slow receivers. */
@Timeout(30)
class SocketClientTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static ClientConfig.Builder unix(TestBroker broker, String name) {
    return ClientConfig.builder(broker.socketPath().toString(), name);
  }

  @Test
  @DisplayName("a name already registered is refused with 76")
  void busyName() {
    try (TestBroker broker = TestBroker.start(); BusClient first = broker.handle().register("dup")) {
      BusException e = assertThrows(BusException.class,
          () -> BusClients.connect(unix(broker, "dup").build()));
      assertEquals(ResultCode.BUSY, e.code());
      assertTrue(first.isConnected());
    }
  }

  @Test
  @DisplayName("a name starting with a dot is refused with 72")
  void invalidName() {
    try (TestBroker broker = TestBroker.start()) {
      BusException e = assertThrows(BusException.class,
          () -> BusClients.connect(unix(broker, ".x").build()));
      assertEquals(ResultCode.DATA, e.code());
    }
  }

  @Test
  @DisplayName("a secondary name whose primary is absent is refused with 71")
  void secondaryWithoutPrimary() {
    try (TestBroker broker = TestBroker.start()) {
      BusException e = assertThrows(BusException.class,
          () -> BusClients.connect(unix(broker, "q%%1").build()));
      assertEquals(ResultCode.NOT_REGISTERED, e.code());
    }
  }

  @Test
  @DisplayName("a missing socket file fails with an I/O error naming the address")
  void noSocketFile() {
    String path;
    try (TestBroker broker = TestBroker.start()) {
      path = broker.socketPath().toString();
    }
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> BusClients.connect(path, "c1"));
    assertTrue(e.getMessage().startsWith("cannot connect to " + path + " as c1: "), e.getMessage());
  }

  @Test
  @DisplayName("a closed TCP port fails with an I/O error naming the address")
  void refusedTcp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> BusClients.connect(address, "c1"));
    assertTrue(e.getMessage().startsWith("cannot connect to " + address + " as c1: "),
        e.getMessage());
  }

  @Test
  @DisplayName("pings keep an idle client registered well past the broker's idle limit of 1.25 T")
  void keepAlive() throws Exception {
    Duration t = Duration.ofMillis(300);
    try (TestBroker broker = TestBroker.start(b -> b.timeout(t));
        BusClient c = BusClients.connect(unix(broker, "idle").timeout(t).build())) {
      Thread.sleep(1200);
      assertTrue(c.isConnected());
      assertEquals(ResultCode.OK, c.send("idle", new byte[0], Qos.PROCESSED).await(WAIT));
      assertEquals("idle", c.receive(WAIT).sender());
    }
  }

  @Test
  @DisplayName("a receiver whose queue stays full for the timeout disconnects, keeping what it queued")
  void incomingQueueOverflow() throws Exception {
    try (TestBroker broker = TestBroker.start();
        BusClient sender = broker.handle().register("sender");
        BusClient slow = BusClients.connect(
            unix(broker, "slow").queueSize(4).timeout(Duration.ofMillis(300)).build())) {
      for (int i = 0; i < 10; i++) {
        sender.send("slow", Integer.toString(i).getBytes(UTF_8), Qos.NO);
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (slow.isConnected()) {
        assertTrue(System.nanoTime() < deadline, "the slow receiver is still connected");
        Thread.sleep(10);
      }
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(Integer.toString(i).getBytes(UTF_8), slow.receive(WAIT).payload());
      }
      ClientClosedException e = assertThrows(ClientClosedException.class, () -> slow.receive(WAIT));
      assertTrue(e.getMessage().contains("incoming queue full (4 frames)"), e.getMessage());
    }
  }

  @Test
  @DisplayName("close waits for the broker to unregister: the same name reconnects at once, "
      + "and frames sent before close are delivered")
  void gracefulClose() throws Exception {
    try (TestBroker broker = TestBroker.start(); BusClient sink = broker.handle().register("sink")) {
      for (int round = 0; round < 50; round++) {
        BusClient c = BusClients.connect(unix(broker, "again").build());
        c.send("sink", Integer.toString(round).getBytes(UTF_8), Qos.NO);
        c.close();
        assertArrayEquals(Integer.toString(round).getBytes(UTF_8), sink.receive(WAIT).payload());
        assertTrue(broker.handle().clients().stream().noneMatch(i -> i.name().equals("again")),
            "still registered after close returned, round " + round);
      }
    }
  }
}

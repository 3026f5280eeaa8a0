package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.loombus.aldrin.broker.TestClient.uuid;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.CallFunction2;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.Shutdown;

/** Statistics intervals and the broker's shutdown of every client. */
class ShutdownAndStatisticsTest {
  @Test
  void countersCoverOneIntervalAndGaugesWhatExists() throws Exception {
    try (TestBus bus = new TestBus(); TestClient a = bus.client(20);
        TestClient b = bus.client(20)) {
      AldrinStatistics first = bus.broker.takeStatistics();
      ServiceId s = a.createService(a.createObject(uuid(1)), uuid(2), 1);
      b.send(new CallFunction(1, s.cookie(), 0, RawValue.NONE));
      a.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
      b.sync();
      AldrinStatistics second = bus.broker.takeStatistics();
      // received: CreateObject, CreateService, CallFunction, Sync; sent: two replies, the
      // forwarded call, SyncReply
      assertEquals(new AldrinStatistics(first.end(), second.end(), 4, 4, 2, 1, 1, 0, 0, 0),
          second);
      AldrinStatistics third = bus.broker.takeStatistics();
      assertEquals(new AldrinStatistics(second.end(), third.end(), 0, 0, 2, 1, 1, 0, 0, 0),
          third);
      assertFalse(third.end().isBefore(third.start()));
    }
  }

  @Test
  void countersSinceTheStartAreNotResetByTakes() throws Exception {
    try (TestBus bus = new TestBus(); TestClient a = bus.client(20);
        TestClient b = bus.client(20)) {
      ServiceId s = a.createService(a.createObject(uuid(1)), uuid(2), 1);
      bus.broker.takeStatistics();
      b.send(new CallFunction(1, s.cookie(), 0, RawValue.NONE));
      a.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
      b.sync();
      // the take in between covers only the call and the Sync, the counters everything
      AldrinStatistics interval = bus.broker.takeStatistics();
      assertEquals(2, interval.messagesSent());
      assertEquals(2, interval.messagesReceived());
      assertEquals(new AldrinCounters(2, 1, 1, 0, 0, 0, 4, 4, 2, 0, 0, 0, 0, 0, 0, 0),
          bus.broker.counters());
      assertEquals(bus.broker.counters(), bus.broker.counters());
    }
  }

  @Test
  void aClientWithoutHandshakeInTimeIsDroppedAndCounted() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withHandshakeTimeout(Duration.ofMillis(100)), 0);
        TestClient silent = bus.raw()) {
      silent.expectClosed();
      assertEquals(1, bus.broker.counters().handshakeTimeouts());
      assertEquals(0, bus.broker.counters().connectionsAccepted());
    }
  }

  @Test
  void shutdownTellsEveryClientAndEndsItsState() throws Exception {
    TestBus bus = new TestBus();
    try (TestClient owner = bus.client(20); TestClient caller = bus.client(20)) {
      ServiceId s = owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
      caller.send(new CallFunction(1, s.cookie(), 0, RawValue.NONE));
      owner.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
      Thread stopping = Thread.ofVirtual().start(() -> {
        try {
          bus.close();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      // each is removed before anything else could reach it: Shutdown is all it gets
      owner.expect(new Shutdown());
      caller.expect(new Shutdown());
      owner.send(new Shutdown());
      caller.send(new Shutdown());
      owner.expectClosed();
      caller.expectClosed();
      stopping.join();
      AldrinStatistics after = bus.broker.takeStatistics();
      assertEquals(0, after.connections());
      assertEquals(0, after.objects());
      assertEquals(0, after.services());
    }
    // a connection handed to the broker after its shutdown is closed at once, unanswered
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      try (TestClient late = TestClient.open(
          ((InetSocketAddress) server.getLocalAddress()).getPort(), 0)) {
        SocketChannel accepted = server.accept();
        late.send(new Connect2(1, 20, RawValue.NONE));
        bus.broker.serve(accepted, "late");
        late.expectClosed();
      }
    }
  }
}

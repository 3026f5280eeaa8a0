package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.aldrin.broker.TestClient.uuid;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.SubscribeEvent;
import org.loombus.aldrin.protocol.SubscribeEventReply;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.SyncReply;
import org.loombus.aldrin.protocol.UnsubscribeEvent;

/**
 * Bad input and slow clients cost only their own connection: oversized and undecodable frames,
 * broker-only messages, a full outgoing queue and a write blocked past its deadline.
 */
class LimitsTest {
  @Test
  void badInputClosesOnlyThatConnection() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withMaxFrameLength(1024), 0);
        TestClient bystander = bus.client(20); TestClient big = bus.client(20);
        TestClient unknown = bus.client(20); TestClient brokerOnly = bus.client(20);
        TestClient torn = bus.client(20)) {
      // a length prefix above the limit is refused before the body arrives
      big.sendBytes(new byte[] {(byte) 0x01, 0x04, 0, 0, 0x1e});
      big.expectClosed();
      unknown.sendBytes(new byte[] {5, 0, 0, 0, (byte) 0xff});
      unknown.expectClosed();
      brokerOnly.send(new SyncReply(1));
      brokerOnly.expectClosed();
      // Sync with a trailing byte
      torn.sendBytes(new byte[] {7, 0, 0, 0, 30, 1, 9});
      torn.expectClosed();
      bystander.sync();
      assertEquals(1, bus.broker.takeStatistics().connections());
      AldrinCounters n = bus.broker.counters();
      assertEquals(4, n.protocolDisconnects());
      assertEquals(0, n.queueFullDisconnects() + n.writeDeadlineDisconnects()
          + n.entryLimitDisconnects() + n.handshakeTimeouts());
    }
  }

  private static RawValue payload() {
    return TestClient.value(new AldrinValue.StringValue("x".repeat(8192)));
  }

  /**
   * A subscriber that never reads, behind small socket buffers, and an owner emitting to it, each
   * event followed by a Sync, until the broker drops the subscriber (the owner then hears its
   * UnsubscribeEvent) or the rounds are done.
   *
   * @param rounds events to emit
   * @param thenWait whether to go on with Syncs only, after the events, until the subscriber is
   *     dropped (a write deadline needs time, not more bytes)
   * @return whether the owner heard the UnsubscribeEvent
   */
  private static boolean flood(TestBus bus, TestClient owner, ServiceId s, int rounds,
      boolean thenWait) throws IOException {
    try (TestClient slow = TestClient.open(bus.port(), 4096)) {
      slow.handshake(20);
      slow.send(new SubscribeEvent(OptionalInt.of(1), s.cookie(), 0));
      slow.expect(new SubscribeEventReply(1, SubscribeEventReply.Result.OK));
      owner.expect(new SubscribeEvent(OptionalInt.empty(), s.cookie(), 0));
      RawValue v = payload();
      for (int i = 0; i < rounds || thenWait; i++) {
        if (i < rounds) {
          owner.send(new EmitEvent(s.cookie(), 0, v));
        }
        int serial = owner.serial();
        owner.send(new Sync(serial));
        AldrinMessage m = owner.receive();
        if (m.equals(new UnsubscribeEvent(s.cookie(), 0))) {
          owner.expect(new SyncReply(serial));
          return true;
        }
        assertEquals(new SyncReply(serial), m);
      }
      return false;
    }
  }

  @Test
  void aFullOutgoingQueueDisconnectsTheSlowClientOnly() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withMaxFrameLength(64 * 1024).withQueue(16, 1 << 20)
            .withWriteDeadline(Duration.ofSeconds(60)), 4096);
        TestClient owner = bus.client(20)) {
      ServiceId s = owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
      assertTrue(flood(bus, owner, s, 2000, false), "the slow client was never dropped");
      assertEquals(1, bus.broker.takeStatistics().connections());
      assertEquals(1, bus.broker.counters().queueFullDisconnects());
      assertEquals(0, bus.broker.counters().writeDeadlineDisconnects());
      owner.sync();
    }
  }

  @Test
  void aWriteBlockedPastItsDeadlineDisconnectsTheClient() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withQueue(100_000, 1L << 30)
            .withWriteDeadline(Duration.ofMillis(200)), 4096);
        TestClient owner = bus.client(20)) {
      ServiceId s = owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
      // the queue is far from full: only the deadline can drop the client
      assertTrue(flood(bus, owner, s, 200, true));
      owner.sync();
      assertEquals(1, bus.broker.takeStatistics().connections());
      assertEquals(1, bus.broker.counters().writeDeadlineDisconnects());
      assertEquals(0, bus.broker.counters().queueFullDisconnects());
    }
  }

  @Test
  void aClientHoldingTooMuchIsDisconnected() throws Exception {
    try (TestBus bus = new TestBus(c -> c.withMaxEntriesPerClient(3), 0);
        TestClient greedy = bus.client(20); TestClient other = bus.client(20)) {
      // object, service, event subscription: three entries
      ServiceId s = greedy.createService(greedy.createObject(uuid(1)), uuid(2), 1);
      greedy.send(new SubscribeEvent(OptionalInt.of(1), s.cookie(), 0));
      greedy.expect(new SubscribeEventReply(1, SubscribeEventReply.Result.OK));
      greedy.expect(new SubscribeEvent(OptionalInt.empty(), s.cookie(), 0));
      // answers and queries that add nothing still work
      greedy.sync();
      greedy.send(new org.loombus.aldrin.protocol.CreateObject(2, uuid(3)));
      greedy.expectClosed();
      assertEquals(1, bus.broker.counters().entryLimitDisconnects());
      assertEquals(0, bus.broker.counters().protocolDisconnects());
      other.createObject(uuid(1));
      other.sync();
    }
  }
}

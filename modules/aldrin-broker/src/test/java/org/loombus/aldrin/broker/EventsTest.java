package org.loombus.aldrin.broker;

import static org.loombus.aldrin.broker.TestClient.uuid;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.CreateService2;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DestroyService;
import org.loombus.aldrin.protocol.DestroyServiceReply;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceDestroyed;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ServiceInfo;
import org.loombus.aldrin.protocol.SubscribeAllEvents;
import org.loombus.aldrin.protocol.SubscribeAllEventsReply;
import org.loombus.aldrin.protocol.SubscribeEvent;
import org.loombus.aldrin.protocol.SubscribeEventReply;
import org.loombus.aldrin.protocol.SubscribeService;
import org.loombus.aldrin.protocol.SubscribeServiceReply;
import org.loombus.aldrin.protocol.UnsubscribeAllEvents;
import org.loombus.aldrin.protocol.UnsubscribeAllEventsReply;
import org.loombus.aldrin.protocol.UnsubscribeEvent;
import org.loombus.aldrin.protocol.UnsubscribeService;

/**
 * Events: reference-counted subscriptions (the owner hears of the first and the last),
 * emission by the owner only, all-events subscriptions and service subscriptions with
 * ServiceDestroyed.
 */
class EventsTest {
  private static void subscribe(TestClient c, ServiceId s, int event) throws Exception {
    int serial = c.serial();
    c.send(new SubscribeEvent(OptionalInt.of(serial), s.cookie(), event));
    c.expect(new SubscribeEventReply(serial, SubscribeEventReply.Result.OK));
  }

  private static ServiceId allEventsService(TestClient owner, boolean allowed) throws Exception {
    ObjectId o = owner.createObject(uuid(1));
    ServiceInfo info = new ServiceInfo(1, Optional.empty(), Optional.of(allowed));
    owner.send(new CreateService2(1, o.cookie(), uuid(2), value(info.toValue())));
    CreateServiceReply r = owner.receive(CreateServiceReply.class);
    return new ServiceId(o, uuid(2), ((CreateServiceReply.Result.Ok) r.result()).cookie());
  }

  @Test
  void theOwnerHearsOfTheFirstAndLastSubscriberOnly() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient a = bus.client(20); TestClient b = bus.client(14)) {
      ServiceId s = owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
      subscribe(a, s, 4);
      owner.expect(new SubscribeEvent(OptionalInt.empty(), s.cookie(), 4));
      subscribe(b, s, 4);
      owner.sync();
      RawValue v = value(new AldrinValue.I32(9));
      owner.send(new EmitEvent(s.cookie(), 4, v));
      a.expect(new EmitEvent(s.cookie(), 4, v));
      b.expect(new EmitEvent(s.cookie(), 4, v));
      // not the owner: ignored; another event id: nobody subscribed
      a.send(new EmitEvent(s.cookie(), 4, v));
      owner.send(new EmitEvent(s.cookie(), 5, v));
      a.send(new UnsubscribeEvent(s.cookie(), 4));
      owner.sync();
      b.send(new UnsubscribeEvent(s.cookie(), 4));
      owner.expect(new UnsubscribeEvent(s.cookie(), 4));
      owner.sync();
      a.sync();
      b.sync();
    }
  }

  @Test
  void invalidServicesAndMissingSerials() throws Exception {
    try (TestBus bus = new TestBus(); TestClient c = bus.client(20)) {
      c.send(new SubscribeEvent(OptionalInt.of(1), UUID.randomUUID(), 0));
      c.expect(new SubscribeEventReply(1, SubscribeEventReply.Result.INVALID_SERVICE));
      c.send(new SubscribeService(2, UUID.randomUUID()));
      c.expect(new SubscribeServiceReply(2, SubscribeServiceReply.Result.INVALID_SERVICE));
      c.send(new SubscribeAllEvents(OptionalInt.of(3), UUID.randomUUID()));
      c.expect(new SubscribeAllEventsReply(3, SubscribeAllEventsReply.Result.INVALID_SERVICE));
      c.send(new UnsubscribeAllEvents(OptionalInt.of(4), UUID.randomUUID()));
      c.expect(new UnsubscribeAllEventsReply(4,
          UnsubscribeAllEventsReply.Result.INVALID_SERVICE));
      c.send(new SubscribeEvent(OptionalInt.empty(), UUID.randomUUID(), 0));
      c.expectClosed();
    }
  }

  @Test
  void aSubscribersDisconnectUnsubscribesIt() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20)) {
      ServiceId s = owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
      try (TestClient a = bus.client(20)) {
        subscribe(a, s, 1);
        owner.expect(new SubscribeEvent(OptionalInt.empty(), s.cookie(), 1));
        a.shutdown();
      }
      owner.expect(new UnsubscribeEvent(s.cookie(), 1));
      owner.sync();
    }
  }

  @Test
  void serviceDestroyedReachesEventAndServiceSubscribersButNotAllEventsOnes() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient events = bus.client(20); TestClient service = bus.client(20);
        TestClient all = bus.client(20); TestClient left = bus.client(20)) {
      ServiceId s = allEventsService(owner, true);
      subscribe(events, s, 1);
      owner.expect(new SubscribeEvent(OptionalInt.empty(), s.cookie(), 1));
      service.send(new SubscribeService(1, s.cookie()));
      service.expect(new SubscribeServiceReply(1, SubscribeServiceReply.Result.OK));
      left.send(new SubscribeService(1, s.cookie()));
      left.expect(new SubscribeServiceReply(1, SubscribeServiceReply.Result.OK));
      left.send(new UnsubscribeService(s.cookie()));
      all.send(new SubscribeAllEvents(OptionalInt.of(1), s.cookie()));
      all.expect(new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.OK));
      owner.expect(new SubscribeAllEvents(OptionalInt.empty(), s.cookie()));
      owner.send(new DestroyService(2, s.cookie()));
      owner.expect(new DestroyServiceReply(2, DestroyServiceReply.Result.OK));
      events.expect(new ServiceDestroyed(s.cookie()));
      service.expect(new ServiceDestroyed(s.cookie()));
      owner.sync();
      events.sync();
      service.sync();
      all.sync();
      left.sync();
    }
  }

  @Test
  void allEventsSubscriptionsNeedTheServicesConsent() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient a = bus.client(20); TestClient b = bus.client(18)) {
      ServiceId s = allEventsService(owner, true);
      a.send(new SubscribeAllEvents(OptionalInt.of(1), s.cookie()));
      a.expect(new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.OK));
      owner.expect(new SubscribeAllEvents(OptionalInt.empty(), s.cookie()));
      b.send(new SubscribeAllEvents(OptionalInt.of(1), s.cookie()));
      b.expect(new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.OK));
      owner.sync();
      RawValue v = value(new AldrinValue.U8(1));
      owner.send(new EmitEvent(s.cookie(), 77, v));
      a.expect(new EmitEvent(s.cookie(), 77, v));
      b.expect(new EmitEvent(s.cookie(), 77, v));
      a.send(new UnsubscribeAllEvents(OptionalInt.of(2), s.cookie()));
      a.expect(new UnsubscribeAllEventsReply(2, UnsubscribeAllEventsReply.Result.OK));
      owner.sync();
      b.send(new UnsubscribeAllEvents(OptionalInt.empty(), s.cookie()));
      owner.expect(new UnsubscribeAllEvents(OptionalInt.empty(), s.cookie()));
      owner.sync();
      b.sync();
    }
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient a = bus.client(20); TestClient old = bus.client(17)) {
      ServiceId s = allEventsService(owner, false);
      a.send(new SubscribeAllEvents(OptionalInt.of(1), s.cookie()));
      a.expect(new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.NOT_SUPPORTED));
      owner.sync();
      old.send(new SubscribeAllEvents(OptionalInt.of(1), s.cookie()));
      old.expectClosed();
    }
  }
}

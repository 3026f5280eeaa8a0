package org.loombus.aldrin.broker;

import static org.loombus.aldrin.broker.TestClient.uuid;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AddBusListenerFilter;
import org.loombus.aldrin.protocol.BusEvent;
import org.loombus.aldrin.protocol.BusListenerCurrentFinished;
import org.loombus.aldrin.protocol.BusListenerFilter;
import org.loombus.aldrin.protocol.BusListenerScope;
import org.loombus.aldrin.protocol.ClearBusListenerFilters;
import org.loombus.aldrin.protocol.CreateBusListener;
import org.loombus.aldrin.protocol.CreateBusListenerReply;
import org.loombus.aldrin.protocol.DestroyBusListener;
import org.loombus.aldrin.protocol.DestroyBusListenerReply;
import org.loombus.aldrin.protocol.DestroyObject;
import org.loombus.aldrin.protocol.DestroyObjectReply;
import org.loombus.aldrin.protocol.EmitBusEvent;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.RemoveBusListenerFilter;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.StartBusListener;
import org.loombus.aldrin.protocol.StartBusListenerReply;
import org.loombus.aldrin.protocol.StopBusListener;
import org.loombus.aldrin.protocol.StopBusListenerReply;

/** Bus listeners: filters, the three scopes, current-finished, one event per client, order. */
class BusListenersTest {
  private static final BusListenerFilter ANY_OBJECT =
      new BusListenerFilter.ObjectFilter(Optional.empty());
  private static final BusListenerFilter ANY_SERVICE =
      new BusListenerFilter.ServiceFilter(Optional.empty(), Optional.empty());

  private static UUID listener(TestClient c, BusListenerFilter... filters) throws Exception {
    int serial = c.serial();
    c.send(new CreateBusListener(serial));
    UUID cookie = c.receive(CreateBusListenerReply.class).cookie();
    for (BusListenerFilter f : filters) {
      c.send(new AddBusListenerFilter(cookie, f));
    }
    return cookie;
  }

  private static void start(TestClient c, UUID cookie, BusListenerScope scope) throws Exception {
    int serial = c.serial();
    c.send(new StartBusListener(serial, cookie, scope));
    c.expect(new StartBusListenerReply(serial, StartBusListenerReply.Result.OK));
  }

  private static EmitBusEvent current(UUID cookie, BusEvent e) {
    return new EmitBusEvent(Optional.of(cookie), e);
  }

  private static EmitBusEvent later(BusEvent e) {
    return new EmitBusEvent(Optional.empty(), e);
  }

  @Test
  void scopeAllSendsWhatExistsThenFinishedThenNewEventsOncePerClient() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient l = bus.client(20)) {
      ObjectId o = owner.createObject(uuid(1));
      ServiceId s = owner.createService(o, uuid(2), 1);
      UUID a = listener(l, ANY_OBJECT, ANY_SERVICE);
      UUID b = listener(l, ANY_OBJECT);
      start(l, a, BusListenerScope.ALL);
      l.expect(current(a, new BusEvent.ObjectCreated(o)));
      l.expect(current(a, new BusEvent.ServiceCreated(s)));
      l.expect(new BusListenerCurrentFinished(a));
      start(l, b, BusListenerScope.NEW);
      l.sync();
      ObjectId o2 = owner.createObject(uuid(3));
      // both listeners match, the client hears it once
      l.expect(later(new BusEvent.ObjectCreated(o2)));
      ServiceId s2 = owner.createService(o2, uuid(4), 1);
      l.expect(later(new BusEvent.ServiceCreated(s2)));
      owner.send(new DestroyObject(1, o2.cookie()));
      owner.expect(new DestroyObjectReply(1, DestroyObjectReply.Result.OK));
      // services of an object are announced gone before the object
      l.expect(later(new BusEvent.ServiceDestroyed(s2)));
      l.expect(later(new BusEvent.ObjectDestroyed(o2)));
      l.sync();
    }
  }

  @Test
  void aDisconnectingOwnersServicesGoFirstThenItsObjects() throws Exception {
    try (TestBus bus = new TestBus(); TestClient l = bus.client(20)) {
      UUID a = listener(l, ANY_OBJECT, ANY_SERVICE);
      start(l, a, BusListenerScope.NEW);
      ObjectId o1;
      ObjectId o2;
      ServiceId s1;
      ServiceId s2;
      try (TestClient owner = bus.client(20)) {
        o1 = owner.createObject(uuid(1));
        s1 = owner.createService(o1, uuid(2), 1);
        o2 = owner.createObject(uuid(3));
        s2 = owner.createService(o2, uuid(4), 1);
        owner.shutdown();
      }
      l.expect(later(new BusEvent.ObjectCreated(o1)));
      l.expect(later(new BusEvent.ServiceCreated(s1)));
      l.expect(later(new BusEvent.ObjectCreated(o2)));
      l.expect(later(new BusEvent.ServiceCreated(s2)));
      // aldrin-broker's stacks: the last removed comes first
      l.expect(later(new BusEvent.ServiceDestroyed(s2)));
      l.expect(later(new BusEvent.ServiceDestroyed(s1)));
      l.expect(later(new BusEvent.ObjectDestroyed(o2)));
      l.expect(later(new BusEvent.ObjectDestroyed(o1)));
      l.sync();
    }
  }

  @Test
  void scopeCurrentAndSpecificFilters() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient l = bus.client(14)) {
      ObjectId o1 = owner.createObject(uuid(1));
      ObjectId o2 = owner.createObject(uuid(2));
      owner.createService(o1, uuid(5), 1);
      ServiceId s2 = owner.createService(o2, uuid(6), 1);
      UUID a = listener(l, new BusListenerFilter.ObjectFilter(Optional.of(uuid(2))),
          new BusListenerFilter.ServiceFilter(Optional.of(uuid(2)), Optional.of(uuid(6))));
      start(l, a, BusListenerScope.CURRENT);
      l.expect(current(a, new BusEvent.ObjectCreated(o2)));
      l.expect(current(a, new BusEvent.ServiceCreated(s2)));
      l.expect(new BusListenerCurrentFinished(a));
      owner.createObject(uuid(3));
      l.sync();
      // filters of a service UUID on any object
      UUID b = listener(l, new BusListenerFilter.ServiceFilter(Optional.empty(),
          Optional.of(uuid(6))));
      l.send(new RemoveBusListenerFilter(b, ANY_OBJECT));
      start(l, b, BusListenerScope.ALL);
      l.expect(current(b, new BusEvent.ServiceCreated(s2)));
      l.expect(new BusListenerCurrentFinished(b));
      l.send(new ClearBusListenerFilters(b));
      owner.createService(owner.createObject(uuid(4)), uuid(6), 1);
      l.sync();
    }
  }

  @Test
  void onlyTheOwnerStartsStopsDestroysOrFilters() throws Exception {
    try (TestBus bus = new TestBus(); TestClient mine = bus.client(20);
        TestClient other = bus.client(20)) {
      UUID a = listener(mine);
      other.send(new AddBusListenerFilter(a, ANY_OBJECT));
      other.send(new StartBusListener(1, a, BusListenerScope.NEW));
      other.expect(new StartBusListenerReply(1, StartBusListenerReply.Result.INVALID_BUS_LISTENER));
      other.send(new StopBusListener(2, a));
      other.expect(new StopBusListenerReply(2, StopBusListenerReply.Result.INVALID_BUS_LISTENER));
      other.send(new DestroyBusListener(3, a));
      other.expect(new DestroyBusListenerReply(3,
          DestroyBusListenerReply.Result.INVALID_BUS_LISTENER));
      mine.send(new StopBusListener(4, a));
      mine.expect(new StopBusListenerReply(4, StopBusListenerReply.Result.NOT_STARTED));
      start(mine, a, BusListenerScope.NEW);
      mine.send(new StartBusListener(5, a, BusListenerScope.NEW));
      mine.expect(new StartBusListenerReply(5, StartBusListenerReply.Result.ALREADY_STARTED));
      // the other client's filter was ignored: nothing matches
      other.createObject(uuid(1));
      mine.send(new StopBusListener(6, a));
      mine.expect(new StopBusListenerReply(6, StopBusListenerReply.Result.OK));
      mine.send(new DestroyBusListener(7, a));
      mine.expect(new DestroyBusListenerReply(7, DestroyBusListenerReply.Result.OK));
      mine.send(new DestroyBusListener(8, a));
      mine.expect(new DestroyBusListenerReply(8,
          DestroyBusListenerReply.Result.INVALID_BUS_LISTENER));
      mine.sync();
      other.sync();
    }
  }
}

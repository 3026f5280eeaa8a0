package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.aldrin.broker.TestClient.uuid;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService;
import org.loombus.aldrin.protocol.CreateService2;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DestroyObject;
import org.loombus.aldrin.protocol.DestroyObjectReply;
import org.loombus.aldrin.protocol.DestroyService;
import org.loombus.aldrin.protocol.DestroyServiceReply;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.QueryServiceInfo;
import org.loombus.aldrin.protocol.QueryServiceInfoReply;
import org.loombus.aldrin.protocol.QueryServiceVersion;
import org.loombus.aldrin.protocol.QueryServiceVersionReply;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ServiceInfo;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/** Objects and services: every result code of their messages, and the queries. */
class ObjectsAndServicesTest {
  @Test
  void objectsAreUniqueBusWideAndOnlyTheirOwnerDestroysThem() throws Exception {
    try (TestBus bus = new TestBus(); TestClient a = bus.client(20); TestClient b = bus.client(14)) {
      ObjectId o = a.createObject(uuid(1));
      b.send(new CreateObject(5, uuid(1)));
      b.expect(new CreateObjectReply(5, new CreateObjectReply.Result.DuplicateObject()));
      b.send(new DestroyObject(6, o.cookie()));
      b.expect(new DestroyObjectReply(6, DestroyObjectReply.Result.FOREIGN_OBJECT));
      b.send(new DestroyObject(7, UUID.randomUUID()));
      b.expect(new DestroyObjectReply(7, DestroyObjectReply.Result.INVALID_OBJECT));
      a.send(new DestroyObject(8, o.cookie()));
      a.expect(new DestroyObjectReply(8, DestroyObjectReply.Result.OK));
      a.send(new DestroyObject(9, o.cookie()));
      a.expect(new DestroyObjectReply(9, DestroyObjectReply.Result.INVALID_OBJECT));
      // the UUID is free again
      b.createObject(uuid(1));
      a.sync();
      b.sync();
    }
  }

  @Test
  void serviceCreationChecksObjectThenDuplicateThenOwner() throws Exception {
    try (TestBus bus = new TestBus(); TestClient a = bus.client(20); TestClient b = bus.client(20)) {
      ObjectId o = a.createObject(uuid(1));
      ServiceId s = a.createService(o, uuid(2), 3);
      a.send(new CreateService(1, o.cookie(), uuid(2), 4));
      a.expect(new CreateServiceReply(1, new CreateServiceReply.Result.DuplicateService()));
      b.send(new CreateService(2, UUID.randomUUID(), uuid(2), 4));
      b.expect(new CreateServiceReply(2, new CreateServiceReply.Result.InvalidObject()));
      // a duplicate is reported before the foreign object, as aldrin-broker does
      b.send(new CreateService(3, o.cookie(), uuid(2), 4));
      b.expect(new CreateServiceReply(3, new CreateServiceReply.Result.DuplicateService()));
      b.send(new CreateService(4, o.cookie(), uuid(3), 4));
      b.expect(new CreateServiceReply(4, new CreateServiceReply.Result.ForeignObject()));
      b.send(new DestroyService(5, s.cookie()));
      b.expect(new DestroyServiceReply(5, DestroyServiceReply.Result.FOREIGN_OBJECT));
      b.send(new QueryServiceVersion(6, s.cookie()));
      b.expect(new QueryServiceVersionReply(6, new QueryServiceVersionReply.Result.Ok(3)));
      a.send(new DestroyService(7, s.cookie()));
      a.expect(new DestroyServiceReply(7, DestroyServiceReply.Result.OK));
      a.send(new DestroyService(8, s.cookie()));
      a.expect(new DestroyServiceReply(8, DestroyServiceReply.Result.INVALID_SERVICE));
      b.send(new QueryServiceVersion(9, s.cookie()));
      b.expect(new QueryServiceVersionReply(9,
          new QueryServiceVersionReply.Result.InvalidService()));
      a.sync();
      b.sync();
    }
  }

  @Test
  void serviceInfoIsStoredAndAnsweredInTheReceiversEpoch() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient old = bus.client(17)) {
      ObjectId o = owner.createObject(uuid(1));
      ServiceInfo info = new ServiceInfo(2, Optional.of(uuid(9)), Optional.of(true));
      owner.send(new CreateService2(1, o.cookie(), uuid(2), value(info.toValue())));
      UUID cookie = ((CreateServiceReply.Result.Ok) owner.receive(CreateServiceReply.class)
          .result()).cookie();
      owner.send(new QueryServiceInfo(2, cookie));
      owner.expect(new QueryServiceInfoReply(2, new QueryServiceInfoReply.Result.Ok(
          ValueCodec.encode(info.toValue(), ValueEpoch.V2))));
      old.send(new QueryServiceInfo(3, cookie));
      old.expect(new QueryServiceInfoReply(3, new QueryServiceInfoReply.Result.Ok(
          ValueCodec.encode(info.toValue(), ValueEpoch.V1))));
      old.send(new QueryServiceVersion(4, cookie));
      old.expect(new QueryServiceVersionReply(4, new QueryServiceVersionReply.Result.Ok(2)));
      old.send(new QueryServiceInfo(5, UUID.randomUUID()));
      old.expect(new QueryServiceInfoReply(5, new QueryServiceInfoReply.Result.InvalidService()));
    }
  }

  @Test
  void aServiceOfA117OwnerNeverAllowsAllEventsSubscriptions() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(17)) {
      ObjectId o = owner.createObject(uuid(1));
      ServiceInfo info = new ServiceInfo(1, Optional.empty(), Optional.of(true));
      owner.send(new CreateService2(1, o.cookie(), uuid(2), ValueCodec.encode(info.toValue(),
          ValueEpoch.V1)));
      UUID cookie = ((CreateServiceReply.Result.Ok) owner.receive(CreateServiceReply.class)
          .result()).cookie();
      owner.send(new QueryServiceInfo(2, cookie));
      QueryServiceInfoReply r = owner.receive(QueryServiceInfoReply.class);
      assertEquals(info.withSubscribeAll(false), ServiceInfo.fromValue(ValueCodec.decode(
          ((QueryServiceInfoReply.Result.Ok) r.result()).value())));
    }
  }

  @Test
  void createService2BeforeItsVersionOrWithoutServiceInfoClosesTheConnection()
      throws Exception {
    try (TestBus bus = new TestBus(); TestClient old = bus.client(16);
        TestClient wrong = bus.client(20)) {
      ObjectId o = old.createObject(uuid(1));
      old.send(new CreateService2(1, o.cookie(), uuid(2), value(ServiceInfo.ofVersion(1)
          .toValue())));
      old.expectClosed();
      ObjectId w = wrong.createObject(uuid(3));
      wrong.send(new CreateService2(1, w.cookie(), uuid(2), value(
          new org.loombus.aldrin.protocol.AldrinValue.U32(1))));
      wrong.expectClosed();
      assertEquals(0, bus.broker.takeStatistics().objects());
    }
  }
}

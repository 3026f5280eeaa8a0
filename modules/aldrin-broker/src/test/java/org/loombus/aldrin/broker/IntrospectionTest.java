package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.aldrin.broker.TestClient.uuid;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.KeyType;
import org.loombus.aldrin.protocol.QueryIntrospection;
import org.loombus.aldrin.protocol.QueryIntrospectionReply;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.RegisterIntrospection;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/** Introspection: registration, one query to a registrant for all who wait, the cache. */
class IntrospectionTest {
  // In epoch 1, which every version from 1.17 reads.
  private static RawValue typeIds(UUID... ids) {
    List<AldrinValue> elements = Arrays.stream(ids)
        .map(u -> (AldrinValue) new AldrinValue.UuidValue(u)).toList();
    return ValueCodec.encode(new AldrinValue.SetValue(KeyType.UUID, elements), ValueEpoch.V1);
  }

  @Test
  void oneRegistrantIsAskedOnceAndTheAnswerIsKept() throws Exception {
    try (TestBus bus = new TestBus(); TestClient provider = bus.client(17);
        TestClient q1 = bus.client(20); TestClient q2 = bus.client(17)) {
      provider.send(new RegisterIntrospection(typeIds(uuid(5))));
      provider.sync(); // registered before anyone asks: the clients' sockets are not ordered
      q1.send(new QueryIntrospection(1, uuid(5)));
      provider.expect(new QueryIntrospection(0, uuid(5)));
      q2.send(new QueryIntrospection(2, uuid(5)));
      provider.sync();
      RawValue intro = value(new AldrinValue.StringValue("schema"));
      provider.send(new QueryIntrospectionReply(0, new QueryIntrospectionReply.Result.Ok(intro)));
      q1.expect(new QueryIntrospectionReply(1, new QueryIntrospectionReply.Result.Ok(intro)));
      q2.expect(new QueryIntrospectionReply(2, new QueryIntrospectionReply.Result.Ok(intro)));
      q2.send(new QueryIntrospection(3, uuid(5)));
      q2.expect(new QueryIntrospectionReply(3, new QueryIntrospectionReply.Result.Ok(intro)));
      q2.send(new QueryIntrospection(4, uuid(6)));
      q2.expect(new QueryIntrospectionReply(4, new QueryIntrospectionReply.Result.Unavailable()));
      provider.sync();
      assertEquals(1, bus.broker.takeStatistics().introspections());
    }
  }

  @Test
  void anUnavailableAnswerOrALeavingRegistrantPassesTheQueryOn() throws Exception {
    try (TestBus bus = new TestBus(); TestClient first = bus.client(20);
        TestClient q = bus.client(20)) {
      first.send(new RegisterIntrospection(typeIds(uuid(5))));
      first.sync();
      try (TestClient second = bus.client(20)) {
        second.send(new RegisterIntrospection(typeIds(uuid(5), uuid(7))));
        second.sync();
        q.send(new QueryIntrospection(1, uuid(5)));
        first.expect(new QueryIntrospection(0, uuid(5)));
        first.send(new QueryIntrospectionReply(0,
            new QueryIntrospectionReply.Result.Unavailable()));
        second.expect(new QueryIntrospection(1, uuid(5)));
        second.shutdown();
      }
      // nobody is left for this type id
      q.expect(new QueryIntrospectionReply(1, new QueryIntrospectionReply.Result.Unavailable()));
      first.sync();
      assertEquals(0, bus.broker.takeStatistics().introspections());
    }
  }

  @Test
  void answersNobodyAskedForAndIntrospectionBefore117CloseTheConnection() throws Exception {
    try (TestBus bus = new TestBus(); TestClient liar = bus.client(20);
        TestClient old = bus.client(16)) {
      liar.send(new QueryIntrospectionReply(0, new QueryIntrospectionReply.Result.Unavailable()));
      liar.expectClosed();
      old.send(new RegisterIntrospection(typeIds(uuid(1))));
      old.expectClosed();
    }
  }
}

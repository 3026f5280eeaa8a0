package org.loombus.aldrin.broker;

import static org.loombus.aldrin.broker.TestClient.uuid;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AbortFunctionCall;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.CallFunction2;
import org.loombus.aldrin.protocol.CallFunctionReply;
import org.loombus.aldrin.protocol.DestroyService;
import org.loombus.aldrin.protocol.DestroyServiceReply;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * Function calls: the broker's own serials towards the owner and back, replies only from the
 * owner, aborts by the caller and by its disconnect, vanished services, and the CallFunction2
 * down-conversion for owners older than 1.19 with epoch conversion of the arguments.
 */
class CallsTest {
  private static ServiceId service(TestClient owner) throws Exception {
    return owner.createService(owner.createObject(uuid(1)), uuid(2), 1);
  }

  @Test
  void callsAreForwardedUnderBrokerSerialsAndAnswersMappedBack() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient caller = bus.client(20); TestClient other = bus.client(20)) {
      ServiceId s = service(owner);
      RawValue args = value(new AldrinValue.I32(-5));
      caller.send(new CallFunction(7, s.cookie(), 3, args));
      owner.expect(new CallFunction2(0, s.cookie(), 3, OptionalInt.empty(), args));
      caller.send(new CallFunction2(8, s.cookie(), 4, OptionalInt.of(1), args));
      owner.expect(new CallFunction2(1, s.cookie(), 4, OptionalInt.of(1), args));
      // a reply from anyone but the owner, or to a serial not pending, is ignored
      other.send(new CallFunctionReply(0, new CallFunctionReply.Result.Ok(args)));
      owner.send(new CallFunctionReply(99, new CallFunctionReply.Result.Ok(args)));
      RawValue result = value(new AldrinValue.StringValue("r"));
      owner.send(new CallFunctionReply(1, new CallFunctionReply.Result.Err(result)));
      owner.send(new CallFunctionReply(0, new CallFunctionReply.Result.Ok(result)));
      caller.expect(new CallFunctionReply(8, new CallFunctionReply.Result.Err(result)));
      caller.expect(new CallFunctionReply(7, new CallFunctionReply.Result.Ok(result)));
      caller.sync();
      other.sync();
      owner.sync();
      // the serial is free again once answered
      caller.send(new CallFunction(7, s.cookie(), 3, args));
      owner.expect(new CallFunction2(2, s.cookie(), 3, OptionalInt.empty(), args));
    }
  }

  @Test
  void callsToUnknownServicesAreInvalidServiceAndAPendingSerialTwiceCloses() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient caller = bus.client(20)) {
      ServiceId s = service(owner);
      caller.send(new CallFunction(1, UUID.randomUUID(), 0, RawValue.NONE));
      caller.expect(new CallFunctionReply(1, new CallFunctionReply.Result.InvalidService()));
      caller.send(new CallFunction(2, s.cookie(), 0, RawValue.NONE));
      owner.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
      caller.send(new CallFunction(2, s.cookie(), 0, RawValue.NONE));
      caller.expectClosed();
      // the closed caller's pending call is aborted towards the owner
      owner.expect(new AbortFunctionCall(0));
      owner.sync();
    }
  }

  @Test
  void ownersOlderThan119GetCallFunctionAndOlderThan120EpochOneArguments() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(18);
        TestClient caller = bus.client(20)) {
      ServiceId s = service(owner);
      AldrinValue list = new AldrinValue.Vec(List.of(new AldrinValue.U8(7), new AldrinValue.U8(8)));
      caller.send(new CallFunction2(5, s.cookie(), 1, OptionalInt.of(9),
          ValueCodec.encode(list, ValueEpoch.V2)));
      owner.expect(new CallFunction(0, s.cookie(), 1, ValueCodec.encode(list, ValueEpoch.V1)));
      owner.sync();
    }
  }

  @Test
  void callFunction2BeforeItsVersionClosesTheConnection() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient caller = bus.client(18)) {
      ServiceId s = service(owner);
      caller.send(new CallFunction2(5, s.cookie(), 1, OptionalInt.empty(), RawValue.NONE));
      caller.expectClosed();
      owner.sync();
    }
  }

  @Test
  void anAbortAnswersTheCallerAtOnceAndDropsTheOwnersLateReply() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(16);
        TestClient caller = bus.client(16)) {
      ServiceId s = service(owner);
      caller.send(new CallFunction(3, s.cookie(), 0, RawValue.NONE));
      owner.expect(new CallFunction(0, s.cookie(), 0, RawValue.NONE));
      caller.send(new AbortFunctionCall(3));
      owner.expect(new AbortFunctionCall(0));
      caller.expect(new CallFunctionReply(3, new CallFunctionReply.Result.Aborted()));
      // aborting again, or a serial never used, does nothing
      caller.send(new AbortFunctionCall(3));
      caller.send(new AbortFunctionCall(4));
      owner.send(new CallFunctionReply(0, new CallFunctionReply.Result.Ok(RawValue.NONE)));
      owner.sync();
      caller.sync();
    }
  }

  @Test
  void ownersOlderThan116AreNotToldOfAborts() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(15);
        TestClient caller = bus.client(20)) {
      ServiceId s = service(owner);
      caller.send(new CallFunction(3, s.cookie(), 0, RawValue.NONE));
      owner.expect(new CallFunction(0, s.cookie(), 0, RawValue.NONE));
      caller.send(new AbortFunctionCall(3));
      caller.expect(new CallFunctionReply(3, new CallFunctionReply.Result.Aborted()));
      owner.sync();
    }
  }

  @Test
  void aCallersDisconnectAbortsItsCalls() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20)) {
      ServiceId s = service(owner);
      try (TestClient caller = bus.client(20)) {
        caller.send(new CallFunction(3, s.cookie(), 0, RawValue.NONE));
        owner.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
        caller.shutdown();
      }
      owner.expect(new AbortFunctionCall(0));
      owner.sync();
    }
  }

  @Test
  void aDestroyedServiceAnswersItsPendingCallsInvalidService() throws Exception {
    try (TestBus bus = new TestBus(); TestClient owner = bus.client(20);
        TestClient caller = bus.client(20)) {
      ServiceId s = service(owner);
      caller.send(new CallFunction(3, s.cookie(), 0, RawValue.NONE));
      owner.expect(new CallFunction2(0, s.cookie(), 0, OptionalInt.empty(), RawValue.NONE));
      owner.send(new DestroyService(1, s.cookie()));
      owner.expect(new DestroyServiceReply(1, DestroyServiceReply.Result.OK));
      caller.expect(new CallFunctionReply(3, new CallFunctionReply.Result.InvalidService()));
      owner.send(new CallFunctionReply(0, new CallFunctionReply.Result.Ok(RawValue.NONE)));
      caller.sync();
      owner.sync();
    }
  }
}

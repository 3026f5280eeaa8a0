package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.Connect;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.ConnectReply;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.HandshakeData;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/** Version negotiation and admission, byte for byte over TCP. */
class HandshakeTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static RawValue emptyData() {
    return ValueCodec.encode(HandshakeData.of(Optional.empty()), ValueEpoch.V2);
  }

  @Test
  void connect2OfferingTheNewestIsAnsweredOk20() throws Exception {
    try (TestBus bus = new TestBus(); TestClient c = bus.raw()) {
      c.send(new Connect2(1, 20, emptyData()));
      c.expectBytes(hex("0d000000 2f 02000000 4100 00 14"));
      c.shutdown();
    }
  }

  @Test
  void newerMinorsGet20AndOlderOnesTheirOwnInTheirEpoch() throws Exception {
    try (TestBus bus = new TestBus(); TestClient newer = bus.raw(); TestClient older = bus.raw()) {
      newer.send(new Connect2(1, 25, emptyData()));
      newer.expectBytes(hex("0d000000 2f 02000000 4100 00 14"));
      older.send(new Connect2(1, 15, emptyData()));
      // 1.15 reads epoch 1: the empty struct is 27 00.
      older.expectBytes(hex("0d000000 2f 02000000 2700 00 0f"));
    }
  }

  @Test
  void incompatibleVersionsAreAnsweredAndClosed() throws Exception {
    try (TestBus bus = new TestBus(); TestClient tooOld = bus.raw(); TestClient major2 = bus.raw();
        TestClient legacy15 = bus.raw()) {
      tooOld.send(new Connect2(1, 13, emptyData()));
      tooOld.expectBytes(hex("0c000000 2f 02000000 2700 02"));
      tooOld.expectClosed();
      major2.send(new Connect2(2, 0, emptyData()));
      major2.expectBytes(hex("0c000000 2f 02000000 2700 02"));
      major2.expectClosed();
      legacy15.send(new Connect(15, RawValue.NONE));
      legacy15.expectBytes(hex("0c000000 01 01000000 00 01 0e"));
      legacy15.expectClosed();
      assertEquals(3, bus.broker.counters().handshakesRefused());
      assertEquals(0, bus.broker.counters().connectionsAccepted());
    }
  }

  @Test
  void firstHandshakeAt14IsAnsweredWithConnectReplyOk() throws Exception {
    try (TestBus bus = new TestBus(); TestClient c = bus.raw()) {
      c.send(new Connect(14, value(new AldrinValue.U8(7))));
      c.expect(new ConnectReply(new ConnectReply.Result.Ok(RawValue.NONE)));
      c.sync();
    }
  }

  @Test
  void anythingElseFirstClosesWithoutAnswer() throws Exception {
    try (TestBus bus = new TestBus(); TestClient c = bus.raw()) {
      c.send(new Sync(1));
      c.expectClosed();
      assertEquals(1, bus.broker.counters().protocolDisconnects());
    }
  }

  @Test
  void admissionSeesVersionAndDataAndItsReplyDataReachesTheClient() throws Exception {
    AtomicReference<PendingClient> seen = new AtomicReference<>();
    AldrinValue brokerData = new AldrinValue.StringValue("welcome");
    try (TestBus bus = new TestBus(cfg -> cfg.withAdmission(p -> {
          seen.set(p);
          return new Decision.Accept(Optional.of(brokerData));
        }), 0);
        TestClient c = bus.raw()) {
      AldrinValue clientData = new AldrinValue.U32(42);
      c.send(new Connect2(1, 18, ValueCodec.encode(HandshakeData.of(Optional.of(clientData)),
          ValueEpoch.V2)));
      c.expect(new ConnectReply2(new ConnectReply2.Result.Ok(18),
          ValueCodec.encode(HandshakeData.of(Optional.of(brokerData)), ValueEpoch.V1)));
      assertEquals(new PendingClient(ProtocolVersion.V1_18, false, Optional.of(clientData),
          "tcp test"), seen.get());
    }
  }

  @Test
  void rejectedClientsGetTheirDataAndAreClosed() throws Exception {
    AldrinValue why = new AldrinValue.StringValue("full");
    try (TestBus bus = new TestBus(cfg -> cfg.withAdmission(
            p -> new Decision.Reject(p.legacyHandshake() ? Optional.empty() : Optional.of(why))),
        0);
        TestClient second = bus.raw(); TestClient first = bus.raw()) {
      second.send(new Connect2(1, 20, emptyData()));
      second.expect(new ConnectReply2(new ConnectReply2.Result.Rejected(),
          ValueCodec.encode(HandshakeData.of(Optional.of(why)), ValueEpoch.V2)));
      second.expectClosed();
      first.send(new Connect(14, RawValue.NONE));
      first.expect(new ConnectReply(new ConnectReply.Result.Rejected(RawValue.NONE)));
      first.expectClosed();
      assertEquals(0, bus.broker.takeStatistics().connections());
      assertEquals(2, bus.broker.counters().handshakesRefused());
    }
  }
}

package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loombus.aldrin.protocol.MessageCodecTest.EMPTY_STRUCT2;
import static org.loombus.aldrin.protocol.MessageCodecTest.FOUR;
import static org.loombus.aldrin.protocol.MessageCodecTest.raw;
import static org.loombus.aldrin.protocol.TestBytes.hex;
import static org.loombus.aldrin.protocol.TestBytes.of;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Version negotiation as aldrin-broker 0.13 does it ({@code broker/src/acceptor.rs}); the
 * conformance tester's {@code connect-*.json} tests check the same cases against a broker.
 */
@DisplayName("Handshake")
class HandshakeTest {
  private static final AldrinValue U8_4 = new AldrinValue.U8(4);

  @Test
  @DisplayName("Connect with minor 14 agrees on 1.14 over the first handshake")
  void legacyOk() {
    assertEquals(new Negotiation.Agreed(ProtocolVersion.V1_14, true),
        Handshake.negotiate(new Connect(14, RawValue.NONE)));
  }

  @ParameterizedTest(name = "Connect({0})")
  @CsvSource({"13", "15", "20", "4294967295"})
  @DisplayName("Connect with another minor is answered IncompatibleVersion(14)")
  void legacyIncompatible(long minor) {
    Negotiation n = Handshake.negotiate(new Connect((int) minor, RawValue.NONE));
    Negotiation.Incompatible inc = (Negotiation.Incompatible) n;
    assertEquals(new ProtocolVersion(1, (int) minor), inc.requested());
    assertEquals(hex(of(12, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 14)),
        hex(MessageCodec.encode(inc.reply())));
  }

  @ParameterizedTest(name = "Connect2({0}.{1}) -> 1.{2}")
  @CsvSource({"1, 14, 14", "1, 15, 15", "1, 19, 19", "1, 20, 20", "1, 21, 20",
    "1, 4294967295, 20"})
  @DisplayName("Connect2 agrees on the smaller of the client's minor and 20")
  void connect2Ok(int major, long minor, int chosen) {
    assertEquals(new Negotiation.Agreed(new ProtocolVersion(1, chosen), false),
        Handshake.negotiate(new Connect2(major, (int) minor, EMPTY_STRUCT2)));
  }

  @ParameterizedTest(name = "Connect2({0}.{1})")
  @CsvSource({"1, 13", "1, 0", "0, 20", "2, 20", "4294967295, 14"})
  @DisplayName("Connect2 with another major or a minor below 14 is answered with an epoch-1 struct")
  void connect2Incompatible(long major, long minor) {
    Negotiation.Incompatible inc =
        (Negotiation.Incompatible)
            Handshake.negotiate(new Connect2((int) major, (int) minor, EMPTY_STRUCT2));
    assertEquals(hex(of(12, 0, 0, 0, 47, 2, 0, 0, 0, 39, 0, 2)),
        hex(MessageCodec.encode(inc.reply())));
  }

  @Test
  @DisplayName("a first message that is no connect message is reported as such")
  void notAHandshake() {
    assertEquals(new Negotiation.NotAHandshake(MessageKind.SYNC),
        Handshake.negotiate(new Sync(0)));
  }

  @Test
  @DisplayName("accepting over Connect2 sends Ok(minor) with the data struct in that epoch")
  void accept2() {
    Negotiation.Agreed v20 = new Negotiation.Agreed(ProtocolVersion.V1_20, false);
    Negotiation.Agreed v19 = new Negotiation.Agreed(ProtocolVersion.V1_19, false);
    assertEquals(hex(of(13, 0, 0, 0, 47, 2, 0, 0, 0, 65, 0, 0, 20)),
        hex(MessageCodec.encode(Handshake.acceptReply(v20, Optional.empty()))));
    assertEquals(hex(of(13, 0, 0, 0, 47, 2, 0, 0, 0, 39, 0, 0, 19)),
        hex(MessageCodec.encode(Handshake.acceptReply(v19, Optional.empty()))));
    assertEquals(hex(of(18, 0, 0, 0, 47, 7, 0, 0, 0, 65, 1, 0, 1, 3, 4, 0, 0, 20)),
        hex(MessageCodec.encode(Handshake.acceptReply(v20, Optional.of(U8_4)))));
  }

  @Test
  @DisplayName("rejecting over Connect2 at 1.20 is Aldrin's connect_reply2/rejected example")
  void reject2() {
    Negotiation.Agreed v20 = new Negotiation.Agreed(ProtocolVersion.V1_20, false);
    assertEquals(hex(AldrinMessageVectors.get("connect_reply2/rejected")),
        hex(MessageCodec.encode(Handshake.rejectReply(v20, Optional.empty()))));
  }

  @Test
  @DisplayName("the first handshake answers with the data itself, or None")
  void legacyReplies() {
    Negotiation.Agreed v14 = new Negotiation.Agreed(ProtocolVersion.V1_14, true);
    assertEquals(hex(AldrinMessageVectors.get("connect_reply/ok")),
        hex(MessageCodec.encode(Handshake.acceptReply(v14, Optional.of(U8_4)))));
    assertEquals(hex(AldrinMessageVectors.get("connect_reply/rejected")),
        hex(MessageCodec.encode(Handshake.rejectReply(v14, Optional.of(U8_4)))));
    assertEquals(hex(of(11, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)),
        hex(MessageCodec.encode(Handshake.acceptReply(v14, Optional.empty()))));
  }

  @Test
  @DisplayName("client data: all of Connect's value, field 0 of Connect2's struct in either form")
  void clientData() throws Exception {
    assertEquals(Optional.of(U8_4), Handshake.clientData(new Connect(14, FOUR)));
    assertEquals(Optional.empty(), Handshake.clientData(new Connect2(1, 20, EMPTY_STRUCT2)));
    assertEquals(Optional.of(U8_4),
        Handshake.clientData(new Connect2(1, 20, raw(65, 1, 0, 1, 3, 4, 0))));
    assertEquals(Optional.of(U8_4),
        Handshake.clientData(new Connect2(1, 14, raw(39, 1, 0, 1, 3, 4))));
    assertEquals(Optional.empty(),
        Handshake.clientData(new Connect2(1, 20, raw(65, 1, 0, 0, 1, 9, 0, 0))));
  }

  @Test
  @DisplayName("Connect2 data that is no connect-data struct is UNEXPECTED_VALUE_SHAPE")
  void badClientData() {
    for (RawValue bad : new RawValue[] {FOUR, raw(65, 1, 0, 3, 4, 0)}) {
      AldrinDecodeException e =
          assertThrows(AldrinDecodeException.class,
              () -> Handshake.clientData(new Connect2(1, 20, bad)));
      assertEquals(DecodeProblem.UNEXPECTED_VALUE_SHAPE, e.problem());
    }
  }
}

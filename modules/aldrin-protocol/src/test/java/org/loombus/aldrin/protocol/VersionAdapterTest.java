package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.aldrin.protocol.MessageCodecTest.C;
import static org.loombus.aldrin.protocol.MessageCodecTest.D;
import static org.loombus.aldrin.protocol.MessageCodecTest.FOUR;
import static org.loombus.aldrin.protocol.MessageCodecTest.raw;
import static org.loombus.aldrin.protocol.TestBytes.hex;
import static org.loombus.aldrin.protocol.TestBytes.of;

import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What aldrin-broker changes when it sends to clients of older minor versions. */
@DisplayName("Version adaptation")
class VersionAdapterTest {
  private static final RawValue VEC2 = raw(43, 1, 3, 7, 0);

  private static AldrinMessage to(AldrinMessage m, ProtocolVersion v) {
    return VersionAdapter.forReceiver(m, v).orElseThrow();
  }

  @Test
  @DisplayName("CallFunction2 reaches a 1.18 owner as CallFunction, as Aldrin encodes it")
  void callFunction2Down() {
    CallFunction2 call = new CallFunction2(1, C, 2, OptionalInt.of(3), FOUR);
    AldrinMessage sent = to(call, ProtocolVersion.V1_18);
    assertEquals(new CallFunction(1, C, 2, FOUR), sent);
    assertEquals(hex(AldrinMessageVectors.get("call_function/call_function")),
        hex(MessageCodec.encode(sent)));
  }

  @Test
  @DisplayName("owners of 1.19 and 1.20 get CallFunction2 unchanged, the same instance")
  void callFunction2Kept() {
    CallFunction2 call = new CallFunction2(1, C, 2, OptionalInt.empty(), FOUR);
    assertSame(call, to(call, ProtocolVersion.V1_19));
    assertSame(call, to(call, ProtocolVersion.V1_20));
  }

  @Test
  @DisplayName("CallFunction2 with an epoch-2 value to 1.18: both the kind and the value change")
  void callFunction2WithValue() {
    CallFunction2 call = new CallFunction2(9, C, 2, OptionalInt.empty(), VEC2);
    CallFunction sent = (CallFunction) to(call, ProtocolVersion.V1_18);
    assertEquals(hex(of(17, 1, 3, 7)), hex(sent.value().toByteArray()));
    assertEquals(9, sent.serial());
  }

  @Test
  @DisplayName("values are converted for 1.14 to 1.19 receivers, not for 1.20")
  void valueEpoch() {
    EmitEvent event = new EmitEvent(C, 1, VEC2);
    for (int minor = 14; minor <= 19; minor++) {
      EmitEvent sent = (EmitEvent) to(event, new ProtocolVersion(1, minor));
      assertEquals(hex(of(17, 1, 3, 7)), hex(sent.value().toByteArray()), "1." + minor);
      assertEquals(C, sent.serviceCookie());
      assertEquals(1, sent.event());
    }
    assertSame(event, to(event, ProtocolVersion.V1_20));
  }

  @Test
  @DisplayName("a value of epoch-1 kinds goes to old receivers as the same message")
  void noNeedlessCopy() {
    SendItem item = new SendItem(D, FOUR);
    assertSame(item, to(item, ProtocolVersion.V1_14));
  }

  @Test
  @DisplayName("results carry their value through conversion; results without one stay as they are")
  void resultValues() {
    CallFunctionReply ok = new CallFunctionReply(5, new CallFunctionReply.Result.Err(VEC2));
    CallFunctionReply sent = (CallFunctionReply) to(ok, ProtocolVersion.V1_16);
    assertEquals(new CallFunctionReply(5, new CallFunctionReply.Result.Err(raw(17, 1, 3, 7))),
        sent);
    CallFunctionReply aborted = new CallFunctionReply(5, new CallFunctionReply.Result.Aborted());
    assertSame(aborted, to(aborted, ProtocolVersion.V1_16));
  }

  @Test
  @DisplayName("kinds newer than the receiver cannot be sent: AbortFunctionCall to 1.15 is dropped")
  void missingKinds() {
    assertTrue(VersionAdapter.forReceiver(new AbortFunctionCall(3), ProtocolVersion.V1_15)
        .isEmpty());
    assertTrue(VersionAdapter.forReceiver(new AbortFunctionCall(3), ProtocolVersion.V1_16)
        .isPresent());
    assertTrue(VersionAdapter.forReceiver(new SubscribeServiceReply(1,
        SubscribeServiceReply.Result.OK), ProtocolVersion.V1_17).isEmpty());
  }

  @Test
  @DisplayName("an unsupported receiver version is a programming error")
  void unsupported() {
    assertThrows(IllegalArgumentException.class,
        () -> VersionAdapter.forReceiver(new Sync(1), new ProtocolVersion(1, 21)));
    assertThrows(IllegalArgumentException.class,
        () -> VersionAdapter.forReceiver(new Sync(1), new ProtocolVersion(1, 13)));
  }

  @Test
  @DisplayName("the old call form is routed as CallFunction2 without version")
  void upConversion() {
    assertEquals(new CallFunction2(1, C, 2, OptionalInt.empty(), FOUR),
        VersionAdapter.toCallFunction2(new CallFunction(1, C, 2, FOUR)));
  }
}

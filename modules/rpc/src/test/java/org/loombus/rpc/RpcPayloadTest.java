package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The RPC payload codec of docs/protocol.md §4.1, with the reference parser's minimum lengths. */
class RpcPayloadTest {

  @Test
  void notification() {
    byte[] wire = new RpcPayload.Notification(hex("68 69")).encode();
    assertArrayEquals(hex("00 68 69"), wire);
    assertArrayEquals(hex("68 69"), assertInstanceOf(RpcPayload.Notification.class,
        RpcPayload.parse(wire)).data());
    assertArrayEquals(new byte[0], assertInstanceOf(RpcPayload.Notification.class,
        RpcPayload.parse(hex("00"))).data());
  }

  @Test
  void request() {
    byte[] wire = new RpcPayload.Request(7, utf8("test"), new byte[0]).encode();
    assertArrayEquals(hex("01 07 00 00 00 74 65 73 74 00"), wire);
    RpcPayload.Request r = assertInstanceOf(RpcPayload.Request.class, RpcPayload.parse(wire));
    assertEquals(7, r.id());
    assertEquals("test", r.methodName());
    assertArrayEquals(new byte[0], r.params());

    // Unsigned id FFFFFFFF, and params that contain 00: the method ends at the first 00.
    wire = new RpcPayload.Request(-1, utf8("m"), hex("00 81 00")).encode();
    assertArrayEquals(hex("01 FF FF FF FF 6D 00 00 81 00"), wire);
    r = assertInstanceOf(RpcPayload.Request.class, RpcPayload.parse(wire));
    assertEquals(-1, r.id());
    assertEquals("m", r.methodName());
    assertArrayEquals(hex("00 81 00"), r.params());
  }

  @Test
  void requestOfMinimumLengthHasEmptyMethodAndParams() {
    RpcPayload.Request r = assertInstanceOf(RpcPayload.Request.class,
        RpcPayload.parse(hex("01 00 00 00 00 00")));
    assertEquals(0, r.id());
    assertEquals("", r.methodName());
    assertArrayEquals(new byte[0], r.params());
  }

  @Test
  void methodNameThatIsNotUtf8() {
    RpcPayload.Request r = assertInstanceOf(RpcPayload.Request.class,
        RpcPayload.parse(hex("01 01 00 00 00 FF FE 00")));
    assertArrayEquals(hex("FF FE"), r.method());
    assertNull(r.methodName());
  }

  @Test
  void reply() {
    byte[] wire = new RpcPayload.Reply(0x04030201, hex("81 A2 6F 6B C3")).encode();
    assertArrayEquals(hex("11 01 02 03 04 81 A2 6F 6B C3"), wire);
    RpcPayload.Reply r = assertInstanceOf(RpcPayload.Reply.class, RpcPayload.parse(wire));
    assertEquals(0x04030201, r.id());
    assertArrayEquals(hex("81 A2 6F 6B C3"), r.result());
    r = assertInstanceOf(RpcPayload.Reply.class, RpcPayload.parse(hex("11 09 00 00 00")));
    assertEquals(9, r.id());
    assertArrayEquals(new byte[0], r.result());
  }

  @Test
  void error() {
    byte[] wire = new RpcPayload.Error(7, RpcException.METHOD_NOT_FOUND, new byte[0]).encode();
    assertArrayEquals(hex("12 07 00 00 00 A7 80"), wire);
    RpcPayload.Error e = assertInstanceOf(RpcPayload.Error.class, RpcPayload.parse(wire));
    assertEquals(7, e.id());
    assertEquals(-32601, e.code());
    assertArrayEquals(new byte[0], e.data());

    wire = new RpcPayload.Error(1, -777, utf8("no")).encode();
    assertArrayEquals(hex("12 01 00 00 00 F7 FC 6E 6F"), wire);
    e = assertInstanceOf(RpcPayload.Error.class, RpcPayload.parse(wire));
    assertEquals(-777, e.code());
    assertArrayEquals(utf8("no"), e.data());

    assertEquals(-32700, assertInstanceOf(RpcPayload.Error.class,
        RpcPayload.parse(hex("12 00 00 00 00 44 80"))).code());
    assertEquals(5, assertInstanceOf(RpcPayload.Error.class,
        RpcPayload.parse(hex("12 00 00 00 00 05 00"))).code());
  }

  @Test
  void belowMinimumLengthOrUnknownKindIsNotRpc() {
    for (String bad : new String[] {
        "",                         // empty
        "01 00 00 00 00",           // request of 5 bytes
        "01 00 00 00 00 61 62",     // request without the 00 after the method
        "11 00 00 00",              // reply of 4 bytes
        "12 00 00 00 00 A7",        // error of 6 bytes
        "02 00 00 00 00 00",        // unknown kinds
        "10 00 00 00 00",
        "FF"}) {
      assertNull(RpcPayload.parse(hex(bad)), bad);
    }
  }

  @Test
  void parsesASliceOfALargerArray() {
    byte[] buf = hex("EE EE 11 05 00 00 00 2A EE");
    RpcPayload.Reply r = assertInstanceOf(RpcPayload.Reply.class, RpcPayload.parse(buf, 2, 6));
    assertEquals(5, r.id());
    assertArrayEquals(hex("2A"), r.result());
    assertNull(RpcPayload.parse(buf, 2, 4), "the slice, not the array, bounds the length");
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

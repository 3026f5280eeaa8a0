package org.loombus.protocol.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/** Wire encoding, checked against the byte layouts and worked examples of docs/protocol.md §2. */
@DisplayName("Frames")
class FramesTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  @DisplayName("NOP is exactly six zero bytes")
  void nop() {
    assertEquals("00 00 00 00 00 00", hex(Frames.nop()));
  }

  @Test
  @DisplayName("§2.11 ACK of frame id 1 with OK is FE 01 00 00 00 01")
  void ackWorkedExample() {
    assertEquals("FE 01 00 00 00 01", hex(Frames.ack(1, ResultCode.OK)));
  }

  @Test
  @DisplayName("ACK copies the four id bytes verbatim (C34: AA BB CC DD) and puts the code in byte 5")
  void ackEchoesIdBytes() {
    int id = Frames.getIntLE(HEX.parseHex("AA BB CC DD"), 0);
    assertEquals("FE AA BB CC DD 71", hex(Frames.ack(id, ResultCode.NOT_REGISTERED)));
    assertEquals("FE 00 00 00 00 01", hex(Frames.ack(0, ResultCode.OK)));
    assertEquals("FE FF FF FF FF 77", hex(Frames.ack(-1, ResultCode.NOT_DELIVERED)));
  }

  @Test
  @DisplayName("§2.11 MESSAGE hi from c1 is delivered as 12 05 00 00 00 00 63 31 00 68 69")
  void messageDelivery() {
    byte[] f = Frames.delivery(Ops.MESSAGE, utf8("c1"), utf8("hi"), 0, 2, false);
    assertEquals("12 05 00 00 00 00 63 31 00 68 69", hex(f));
  }

  @Test
  @DisplayName("§2.11 real-time BROADCAST ! from c1 is delivered as 13 04 00 00 00 01 63 31 00 21")
  void realtimeBroadcastDelivery() {
    byte[] f = Frames.delivery(Ops.BROADCAST, utf8("c1"), utf8("!"), 0, 1, true);
    assertEquals("13 04 00 00 00 01 63 31 00 21", hex(f));
  }

  @Test
  @DisplayName("delivery copies only the given payload range, which may contain 00 bytes")
  void deliveryPayloadRange() {
    byte[] src = HEX.parseHex("AA 00 01 00 BB");
    byte[] f = Frames.delivery(Ops.MESSAGE, utf8("s"), src, 1, 3, false);
    assertEquals("12 05 00 00 00 00 73 00 00 01 00", hex(f));
  }

  @Test
  @DisplayName("C42 delivery of an empty payload keeps the sender terminator")
  void emptyPayloadDelivery() {
    assertEquals("12 03 00 00 00 00 63 31 00",
        hex(Frames.delivery(Ops.MESSAGE, utf8("c1"), new byte[0], 0, 0, false)));
    assertEquals("01 07 00 00 00 00 63 31 00 61 2F 62 00",
        hex(Frames.publication(utf8("c1"), utf8("a/b"), 0, 3, 3, 0, false)));
  }

  @Test
  @DisplayName("§2.11 publication of x to a/b from c1 is 01 08 00 00 00 00 63 31 00 61 2F 62 00 78")
  void publication() {
    byte[] src = utf8("a/bx");
    byte[] f = Frames.publication(utf8("c1"), src, 0, 3, 3, 1, false);
    assertEquals("01 08 00 00 00 00 63 31 00 61 2F 62 00 78", hex(f));
  }

  @Test
  @DisplayName("publication takes topic and payload from their own ranges and sets the real-time byte")
  void publicationRanges() {
    // a client body "a/b 00 x y" as the broker reads it: topic at 0..3, payload at 4..6
    byte[] body = HEX.parseHex("61 2F 62 00 78 79");
    byte[] f = Frames.publication(utf8("c1"), body, 0, 3, 4, 2, true);
    assertEquals("01 09 00 00 00 01 63 31 00 61 2F 62 00 78 79", hex(f));
  }

  @Test
  @DisplayName("§4.1 reply from .broker: body length counts the sender and its terminator")
  void brokerReplyDelivery() {
    byte[] reply = HEX.parseHex("11 07 00 00 00 81 A2 6F 6B C3");
    byte[] f = Frames.delivery(Ops.MESSAGE, utf8(".broker"), reply, 0, reply.length, false);
    assertEquals("12 12 00 00 00 00 2E 62 72 6F 6B 65 72 00 11 07 00 00 00 81 A2 6F 6B C3",
        hex(f));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("client frames match the worked examples of §2.11 and §4.1")
  @CsvSource(delimiter = '|', value = {
    "MESSAGE hi to c2, QoS 1, id 1 | 1 | 18 | 1 | c2,hi | 01 00 00 00 52 05 00 00 00 63 32 00 68 69",
    "MESSAGE hi to c9, QoS 1, id 2 | 2 | 18 | 1 | c9,hi | 02 00 00 00 52 05 00 00 00 63 39 00 68 69",
    "PUBLISH x to a/b, QoS 0, id 3 | 3 | 1 | 0 | a/b,x | 03 00 00 00 01 05 00 00 00 61 2F 62 00 78",
    "SUBSCRIBE a/# and b, QoS 1, id 4 | 4 | 2 | 1 | a/#,b | 04 00 00 00 42 05 00 00 00 61 2F 23 00 62",
    "BROADCAST ! to w.*, QoS 3, id 5 | 5 | 19 | 3 | w.*,! | 05 00 00 00 D3 05 00 00 00 77 2E 2A 00 21",
    "PUBLISH_FOR t to p, QoS 1, id 6 | 6 | 6 | 1 | t,p,x | 06 00 00 00 46 05 00 00 00 74 00 70 00 78",
  })
  void clientFrame(String what, int id, int op, int qos, String parts, String expected) {
    String[] split = parts.split(",", -1);
    byte[][] bytes = new byte[split.length][];
    for (int i = 0; i < split.length; i++) {
      bytes[i] = utf8(split[i]);
    }
    assertEquals(expected, hex(Frames.clientFrame(id, op, Qos.of(qos), bytes)));
  }

  @Test
  @DisplayName("§4.1 RPC call of test to .broker, QoS 1, frame id 9")
  void rpcCallFrame() {
    byte[] rpc = HEX.parseHex("01 07 00 00 00 74 65 73 74 00");
    byte[] f = Frames.clientFrame(9, Ops.MESSAGE, Qos.PROCESSED, utf8(".broker"), rpc);
    assertEquals("09 00 00 00 52 12 00 00 00 2E 62 72 6F 6B 65 72 00 01 07 00 00 00 74 65 73 74 00",
        hex(f));
  }

  @Test
  @DisplayName("a client frame with one empty part has an empty body (C58 empty SUBSCRIBE)")
  void emptySubscribe() {
    assertEquals("07 00 00 00 42 00 00 00 00",
        hex(Frames.clientFrame(7, Ops.SUBSCRIBE, Qos.PROCESSED, new byte[0])));
  }

  @Test
  @DisplayName("empty parts still get their separators: a trailing empty payload, adjacent 00s")
  void emptyParts() {
    assertEquals("08 00 00 00 12 03 00 00 00 63 32 00",
        hex(Frames.clientFrame(8, Ops.MESSAGE, Qos.NO, utf8("c2"), new byte[0])));
    assertEquals("08 00 00 00 02 04 00 00 00 61 00 00 62",
        hex(Frames.clientFrame(8, Ops.SUBSCRIBE, Qos.NO, utf8("a"), new byte[0], utf8("b"))));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("u32 little-endian round trip")
  @CsvSource({
    "0, 00 00 00 00",
    "1, 01 00 00 00",
    "305419896, 78 56 34 12",
    "2147483647, FF FF FF 7F",
    "-2147483648, 00 00 00 80",
    "-1, FF FF FF FF",
  })
  void intLeRoundTrip(int value, String bytes) {
    byte[] b = new byte[6];
    b[0] = 0x55;
    b[5] = 0x66;
    Frames.putIntLE(b, 1, value);
    assertEquals("55 " + bytes + " 66", hex(b));
    assertEquals(value, Frames.getIntLE(b, 1));
  }

  @Test
  @DisplayName("0xFFFFFFFF read as a Java int is -1 and 4294967295 unsigned")
  void maxU32() {
    int v = Frames.getIntLE(HEX.parseHex("FF FF FF FF"), 0);
    assertEquals(0xFFFFFFFFL, Integer.toUnsignedLong(v));
  }
}

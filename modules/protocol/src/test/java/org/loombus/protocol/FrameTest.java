package org.loombus.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/** Parsing of delivered bodies {@code sender 00 [topic 00] payload} (docs/protocol.md §2.5). */
@DisplayName("Frame")
class FrameTest {
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  /** Views the body of a whole delivered frame, the way a client does after its 6-byte header. */
  private static Frame parse(byte[] whole) {
    return Frame.of(FrameKind.ofCode(whole[0] & 0xFF), whole, Ops.BROKER_HEADER_SIZE,
        whole.length - Ops.BROKER_HEADER_SIZE, whole[5] == 1);
  }

  @Test
  @DisplayName("C36 the worked MESSAGE delivery parses as sender c1, no topic, payload hi")
  void message() {
    Frame f = parse(HEX.parseHex("12 05 00 00 00 00 63 31 00 68 69"));
    assertEquals(FrameKind.MESSAGE, f.kind());
    assertEquals("c1", f.sender());
    assertEquals("c1", f.primarySender());
    assertNull(f.topic());
    assertArrayEquals("hi".getBytes(UTF_8), f.payload());
    assertEquals(2, f.payloadLength());
    assertFalse(f.isRealtime());
  }

  @Test
  @DisplayName("C39 the worked publication parses as sender c1, topic a/b, payload x")
  void publication() {
    Frame f = parse(HEX.parseHex("01 08 00 00 00 00 63 31 00 61 2F 62 00 78"));
    assertEquals(FrameKind.PUBLICATION, f.kind());
    assertEquals("c1", f.sender());
    assertEquals("a/b", f.topic());
    assertArrayEquals(new byte[] {0x78}, f.payload());
  }

  @Test
  @DisplayName("a broadcast has no topic even if its payload contains 00")
  void broadcast() {
    Frame f = parse(HEX.parseHex("13 06 00 00 00 01 63 31 00 61 00 62"));
    assertEquals(FrameKind.BROADCAST, f.kind());
    assertNull(f.topic());
    assertEquals("61 00 62", HEX.formatHex(f.payload()));
    assertTrue(f.isRealtime());
  }

  @ParameterizedTest(name = "sender \"{0}\" has primary \"{1}\"")
  @DisplayName("the primary sender is everything before the first %%")
  @CsvSource({"a%%1, a", "a%%b%%c, a", "a, a", "a%b, a%b", "%%x, ''"})
  void primarySender(String sender, String primary) {
    byte[] s = sender.getBytes(UTF_8);
    byte[] whole = Frames.delivery(Ops.MESSAGE, s, new byte[0], 0, 0, false);
    Frame f = parse(whole);
    assertEquals(sender, f.sender());
    assertEquals(primary, f.primarySender());
  }

  @Test
  @DisplayName("payload bytes 00 after the sender and topic terminators belong to the payload")
  void embeddedZeros() {
    Frame m = parse(HEX.parseHex("12 07 00 00 00 00 63 00 00 00 01 00 00"));
    assertEquals("c", m.sender());
    assertEquals("00 00 01 00 00", HEX.formatHex(m.payload()));
    Frame p = parse(HEX.parseHex("01 07 00 00 00 00 63 00 74 00 00 02 00"));
    assertEquals("t", p.topic());
    assertEquals("00 02 00", HEX.formatHex(p.payload()));
  }

  @Test
  @DisplayName("empty sender, topic and payload are all allowed")
  void emptyFields() {
    Frame p = parse(HEX.parseHex("01 02 00 00 00 00 00 00"));
    assertEquals("", p.sender());
    assertEquals("", p.topic());
    assertEquals(0, p.payloadLength());
    assertArrayEquals(new byte[0], p.payload());
  }

  @Test
  @DisplayName("a view at an offset sees only its own length, not neighbouring bytes")
  void offsetAndLength() {
    // junk, then body "c1 00 a/b 00 x y", then junk that looks like more payload
    byte[] buf = HEX.parseHex("FF FF 63 31 00 61 2F 62 00 78 79 EE EE");
    Frame f = Frame.of(FrameKind.PUBLICATION, buf, 2, 9, false);
    assertEquals("c1", f.sender());
    assertEquals("a/b", f.topic());
    assertEquals("78 79", HEX.formatHex(f.payload()));
    assertEquals(2, f.payloadLength());
  }

  @Test
  @DisplayName("payloadBuffer is a read-only view of exactly the payload")
  void payloadBuffer() {
    byte[] buf = HEX.parseHex("12 05 00 00 00 00 63 31 00 68 69");
    ByteBuffer b = parse(buf).payloadBuffer();
    assertTrue(b.isReadOnly());
    assertEquals(0, b.position());
    assertEquals(2, b.remaining());
    assertEquals(0x68, b.get(0));
    assertEquals(0x69, b.get(1));
  }

  @Test
  @DisplayName("payload() is a copy: changing it leaves the shared frame intact")
  void payloadIsCopy() {
    Frame f = parse(HEX.parseHex("12 05 00 00 00 00 63 31 00 68 69"));
    f.payload()[0] = 0;
    assertArrayEquals("hi".getBytes(UTF_8), f.payload());
  }

  @Test
  @DisplayName("the real-time flag is what the caller read from byte 5")
  void realtimeFlag() {
    byte[] whole = Frames.delivery(Ops.MESSAGE, "c1".getBytes(UTF_8), new byte[1], 0, 1, true);
    assertTrue(parse(whole).isRealtime());
    assertFalse(Frame.of(FrameKind.MESSAGE, whole, 6, whole.length - 6, false).isRealtime());
  }

  @ParameterizedTest(name = "kind {0}, body [{1}] length {2}")
  @DisplayName("a body without its sender or topic terminator is rejected")
  @CsvSource({
    "18, 63 31, 2",
    "19, 63 31, 2",
    "18, '', 0",
    "1, 63 31 00 61 2F 62, 6",
    "1, 63 31, 2",
    // the terminator exists in the array but lies beyond the body's length
    "18, 63 31 00, 2",
    "1, 63 31 00 61 00, 4",
  })
  void missingTerminator(int kind, String body, int length) {
    byte[] buf = body.isEmpty() ? new byte[0] : HEX.parseHex(body);
    assertThrows(IllegalArgumentException.class, () -> Frame.of(FrameKind.ofCode(kind), buf, 0, length, false));
  }
}

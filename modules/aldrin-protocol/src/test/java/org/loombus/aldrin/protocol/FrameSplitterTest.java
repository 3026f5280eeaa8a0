package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loombus.aldrin.protocol.TestBytes.concat;
import static org.loombus.aldrin.protocol.TestBytes.of;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Framing of the byte stream by the length prefix. */
@DisplayName("Framing")
class FrameSplitterTest {
  private static final byte[] SHUTDOWN = AldrinMessageVectors.get("shutdown/shutdown");
  private static final byte[] CREATE_OBJECT =
      AldrinMessageVectors.get("create_object/create_object");
  private static final byte[] CREATE_CHANNEL = of(7, 0, 0, 0, 19, 0, 0);

  @Test
  @DisplayName("splits a stream fed in pieces of 3, 25 and 6 bytes (aldrin packetizer.rs)")
  void packetizerExample() throws Exception {
    byte[] stream = concat(SHUTDOWN, CREATE_OBJECT, CREATE_CHANNEL);
    assertEquals(34, stream.length);
    FrameSplitter s = new FrameSplitter(1024);
    assertNull(s.nextFrame());
    s.feed(stream, 0, 3);
    assertNull(s.nextFrame());
    s.feed(stream, 3, 25);
    assertArrayEquals(SHUTDOWN, s.nextFrame());
    assertArrayEquals(CREATE_OBJECT, s.nextFrame());
    assertNull(s.nextFrame());
    assertEquals(1, s.buffered());
    s.feed(ByteBuffer.wrap(stream, 28, 6));
    assertArrayEquals(CREATE_CHANNEL, s.nextFrame());
    assertNull(s.nextFrame());
    assertEquals(0, s.buffered());
    assertEquals(new CreateChannel(0, new ChannelEndWithCapacity.Sender()),
        MessageCodec.decode(CREATE_CHANNEL, ProtocolVersion.V1_14));
  }

  @Test
  @DisplayName("a frame of exactly the limit passes; one byte more is FRAME_TOO_LARGE")
  void limit() throws Exception {
    FrameSplitter exact = new FrameSplitter(CREATE_OBJECT.length);
    exact.feed(CREATE_OBJECT, 0, CREATE_OBJECT.length);
    assertArrayEquals(CREATE_OBJECT, exact.nextFrame());

    FrameSplitter small = new FrameSplitter(CREATE_OBJECT.length - 1);
    small.feed(CREATE_OBJECT, 0, 4);
    AldrinDecodeException e = assertThrows(AldrinDecodeException.class, small::nextFrame);
    assertEquals(DecodeProblem.FRAME_TOO_LARGE, e.problem());
  }

  @Test
  @DisplayName("a 4 GiB prefix is refused from its four bytes, before any body arrives")
  void hugePrefix() {
    FrameSplitter s = new FrameSplitter(1 << 20);
    s.feed(of(0xff, 0xff, 0xff, 0xff), 0, 4);
    AldrinDecodeException e = assertThrows(AldrinDecodeException.class, s::nextFrame);
    assertEquals(DecodeProblem.FRAME_TOO_LARGE, e.problem());
    assertEquals("FRAME_TOO_LARGE: length prefix 4294967295 exceeds the limit of 1048576",
        e.getMessage());
  }

  @Test
  @DisplayName("prefixes 0 to 4 are FRAME_TOO_SHORT")
  void tooShort() {
    for (int n = 0; n < 5; n++) {
      FrameSplitter s = new FrameSplitter(64);
      s.feed(of(n, 0, 0, 0, 2), 0, 5);
      AldrinDecodeException e = assertThrows(AldrinDecodeException.class, s::nextFrame);
      assertEquals(DecodeProblem.FRAME_TOO_SHORT, e.problem());
    }
  }

  @Test
  @DisplayName("after a refused prefix the splitter keeps failing, even with more bytes")
  void staysFailed() {
    FrameSplitter s = new FrameSplitter(8);
    s.feed(CREATE_OBJECT, 0, CREATE_OBJECT.length);
    AldrinDecodeException first = assertThrows(AldrinDecodeException.class, s::nextFrame);
    s.feed(SHUTDOWN, 0, SHUTDOWN.length);
    assertSame(first, assertThrows(AldrinDecodeException.class, s::nextFrame));
  }

  @Test
  @DisplayName("many frames fed one byte at a time come out whole and in order")
  void byteByByte() throws Exception {
    FrameSplitter s = new FrameSplitter(64);
    int frames = 0;
    for (int round = 0; round < 100; round++) {
      for (byte b : CREATE_OBJECT) {
        s.feed(new byte[] {b}, 0, 1);
        byte[] f = s.nextFrame();
        if (f != null) {
          assertArrayEquals(CREATE_OBJECT, f);
          frames++;
        }
      }
    }
    assertEquals(100, frames);
  }

  @Test
  @DisplayName("limits below five bytes are refused")
  void badLimit() {
    assertThrows(IllegalArgumentException.class, () -> new FrameSplitter(4));
  }
}

package org.loombus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameCounterTest {
  private static final HexFormat HEX = HexFormat.of();
  /** NOP, then two deliveries of "ab" from sender "s", then a NOP, then a third delivery. */
  private static final byte[] STREAM = HEX.parseHex(
      "000000000000" + "120400000000" + "73006162" + "120400000000" + "73006162"
      + "000000000000" + "120400000001" + "73006162");

  @Test
  @DisplayName("delivery counter counts frames split at any byte and passes over keep-alives")
  void countsAcrossEveryChunkBoundary() throws IOException {
    for (int cut = 0; cut <= STREAM.length; cut++) {
      DeliveryCounter counter = new DeliveryCounter(0x12, 4);
      assertEquals(3, feed(counter, cut), "split at byte " + cut);
    }
  }

  @Test
  @DisplayName("delivery counter rejects a frame of another kind or length")
  void rejectsUnexpectedFrames() {
    DeliveryCounter counter = new DeliveryCounter(0x12, 5);
    IOException e = assertThrows(IOException.class, () -> feed(counter, STREAM.length));
    assertTrue(e.getMessage().contains("kind 12, length 4"), e.getMessage());
  }

  @Test
  @DisplayName("record counter counts whole records split at any byte")
  void recordsAcrossEveryChunkBoundary() {
    byte[] three = new byte[3 * 7];
    for (int cut = 0; cut <= three.length; cut++) {
      RecordCounter counter = new RecordCounter(7);
      int first = counter.count(ByteBuffer.wrap(three, 0, cut));
      int second = counter.count(ByteBuffer.wrap(three, cut, three.length - cut));
      assertEquals(cut / 7, first, "split at byte " + cut);
      assertEquals(3, first + second, "split at byte " + cut);
    }
  }

  /** Feeds STREAM in two chunks the way the receiver does: leftovers are kept for the next. */
  private static int feed(DeliveryCounter counter, int cut) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(STREAM.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(STREAM, 0, cut).flip();
    int frames = counter.count(buf);
    buf.compact().put(STREAM, cut, STREAM.length - cut).flip();
    frames += counter.count(buf);
    assertEquals(0, buf.remaining(), "bytes left over");
    return frames;
  }
}

package org.loombus.aldrin.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Cuts a stream of bytes into Aldrin frames. Every frame starts with its own total length as a
 * little-endian u32, the four length bytes included, so a frame is at least 5 bytes (length and
 * message kind). Aldrin itself accepts any length up to 4 GiB; this splitter refuses a frame as
 * soon as its length prefix exceeds the caller's limit, before buffering its body.
 *
 * <p>Once a frame has been refused the stream cannot be resynchronised, so the splitter keeps
 * failing with the same problem. Not thread-safe; one splitter per connection.
 */
public final class FrameSplitter {
  /** Length of the prefix that starts every frame. */
  public static final int LENGTH_PREFIX = 4;

  /** The shortest valid frame: the length prefix and the message kind. */
  public static final int MIN_FRAME_LENGTH = 5;

  private final int maxFrameLength;
  private byte[] buf = new byte[256];
  private int start;
  private int end;
  private AldrinDecodeException failure;

  /**
   * @param maxFrameLength the longest frame to accept, length prefix included; at least {@value
   *     #MIN_FRAME_LENGTH}, at most {@code Integer.MAX_VALUE - 8} (the largest Java array)
   */
  public FrameSplitter(int maxFrameLength) {
    if (maxFrameLength < MIN_FRAME_LENGTH || maxFrameLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFrameLength out of range: " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  /** @return the longest frame this splitter accepts */
  public int maxFrameLength() {
    return maxFrameLength;
  }

  /** @return bytes received but not yet handed out as frames */
  public int buffered() {
    return end - start;
  }

  /**
   * Appends received bytes.
   *
   * @param src array holding them
   * @param off first byte
   * @param len number of bytes
   */
  public void feed(byte[] src, int off, int len) {
    makeRoom(len);
    System.arraycopy(src, off, buf, end, len);
    end += len;
  }

  /**
   * Appends the remaining bytes of a buffer and consumes them.
   *
   * @param src the received bytes, from its position to its limit
   */
  public void feed(ByteBuffer src) {
    int len = src.remaining();
    makeRoom(len);
    src.get(buf, end, len);
    end += len;
  }

  /**
   * @return the next complete frame, length prefix included, or {@code null} if more bytes are
   *     needed
   * @throws AldrinDecodeException {@link DecodeProblem#FRAME_TOO_LARGE} or {@link
   *     DecodeProblem#FRAME_TOO_SHORT} when a length prefix is refused, then again on every call
   */
  public byte[] nextFrame() throws AldrinDecodeException {
    if (failure != null) {
      throw failure;
    }
    if (end - start < LENGTH_PREFIX) {
      return null;
    }
    long length = declaredLength(buf, start);
    if (length < MIN_FRAME_LENGTH) {
      failure =
          new AldrinDecodeException(
              DecodeProblem.FRAME_TOO_SHORT,
              AldrinDecodeException.NO_OFFSET,
              "length prefix " + length + " is below the minimum of " + MIN_FRAME_LENGTH);
      throw failure;
    }
    if (length > maxFrameLength) {
      failure =
          new AldrinDecodeException(
              DecodeProblem.FRAME_TOO_LARGE,
              AldrinDecodeException.NO_OFFSET,
              "length prefix " + length + " exceeds the limit of " + maxFrameLength);
      throw failure;
    }
    if (end - start < length) {
      return null;
    }
    byte[] frame = Arrays.copyOfRange(buf, start, start + (int) length);
    start += (int) length;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return frame;
  }

  /**
   * @param b array holding a frame
   * @param off offset of its length prefix
   * @return the frame length the prefix announces, 0 to 2^32-1
   */
  public static long declaredLength(byte[] b, int off) {
    return (b[off] & 0xFFL)
        | (b[off + 1] & 0xFFL) << 8
        | (b[off + 2] & 0xFFL) << 16
        | (b[off + 3] & 0xFFL) << 24;
  }

  private void makeRoom(int len) {
    if (buf.length - end >= len) {
      return;
    }
    int live = end - start;
    if (buf.length - live >= len && start > 0) {
      System.arraycopy(buf, start, buf, 0, live);
    } else {
      long wanted = Math.max((long) buf.length * 2, (long) live + len);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException(
            "more than 2 GiB buffered; take frames out before feeding more");
      }
      byte[] bigger = new byte[(int) wanted];
      System.arraycopy(buf, start, bigger, 0, live);
      buf = bigger;
    }
    start = 0;
    end = live;
  }
}

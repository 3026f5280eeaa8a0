package org.loombus.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a byte stream with a bound on their length: a line longer than the bound is skipped
 * up to its newline, never held, so no input can take more memory than the bound. A line that
 * is not UTF-8 is skipped too. Each skipped line is reported to the caller's {@link Skips}.
 */
final class BoundedLines {
  /** Told of every line skipped. */
  @FunctionalInterface
  interface Skips {
    /** @param why what was wrong with the line */
    void skipped(String why);
  }

  private final InputStream in;
  private final int max;
  private final Skips skips;
  private final byte[] chunk = new byte[8192];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[256];
  private int lineLen;

  /**
   * @param in the stream
   * @param max most bytes of one line, its newline not counted
   * @param skips told of each line skipped
   */
  BoundedLines(InputStream in, int max, Skips skips) {
    this.in = in;
    this.max = max;
    this.skips = skips;
  }

  /**
   * @return the next readable line without its newline, or {@code null} at the end of the stream
   * @throws IOException if reading fails
   */
  String next() throws IOException {
    while (true) {
      lineLen = 0;
      long length = 0;
      boolean ended;
      while (true) {
        if (chunkPos == chunkLen) {
          chunkLen = Math.max(0, in.read(chunk));
          chunkPos = 0;
          if (chunkLen == 0) {
            ended = true;
            break;
          }
        }
        byte b = chunk[chunkPos++];
        if (b == '\n') {
          ended = false;
          break;
        }
        if (length++ < max) {
          if (lineLen == line.length) {
            line = Arrays.copyOf(line, Math.min(max, line.length * 2));
          }
          line[lineLen++] = b;
        }
      }
      if (ended && length == 0) {
        return null;
      }
      String text = length > max ? null : decode();
      if (length > max) {
        skips.skipped("a line of " + length + " bytes, more than " + max);
      } else if (text == null) {
        skips.skipped("a line that is not UTF-8");
      } else {
        return text;
      }
      if (ended) {
        return null;
      }
    }
  }

  private String decode() {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, 0, lineLen))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    } finally {
      if (line.length > 4096) {
        line = new byte[256]; // a long line passed: do not keep its buffer
      }
    }
  }
}

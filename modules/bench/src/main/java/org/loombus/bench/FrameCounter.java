package org.loombus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Counts whole frames in a byte stream that arrives in chunks of any size. */
interface FrameCounter {
  /**
   * @param b received bytes in read mode, little-endian; consumed except for an incomplete header
   *     that the caller keeps for the next chunk
   * @return frames completed by this chunk
   * @throws IOException if the bytes are not the expected frames
   */
  int count(ByteBuffer b) throws IOException;
}

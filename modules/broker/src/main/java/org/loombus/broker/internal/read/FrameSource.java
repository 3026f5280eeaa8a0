package org.loombus.broker.internal.read;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The bytes a {@link FrameReader} reads: a client's stream, with the session's deadlines. */
public interface FrameSource {
  /**
   * One blocking read under a deadline. The deadline belongs to the caller's whole unit (a frame
   * header, a frame body), not to this call, so a peer sending one byte at a time cannot stretch
   * the limit.
   *
   * @param into where the bytes go
   * @param deadline {@link System#nanoTime()} after which the read fails
   * @return bytes read, -1 at end of stream
   * @throws IOException if the read fails, also when the deadline ends it
   */
  int read(ByteBuffer into, long deadline) throws IOException;

  /** @return why the broker ended the connection, or {@code null} if it did not */
  String detachReason();
}

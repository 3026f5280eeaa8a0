package org.loombus.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/** The receiving half of a measurement: reads until it has counted every expected frame. */
final class StreamReceiver {
  private static final int BUFFER = 64 * 1024;

  private StreamReceiver() {}

  /**
   * @param ch the connection
   * @param counter recognises the frames
   * @param count how many frames to wait for
   * @param window told of the progress, so that the sender may go on
   * @throws IOException if a read fails, the peer closes early or a frame is wrong
   */
  static void receive(SocketChannel ch, FrameCounter counter, long count, Window window)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    long received = 0;
    while (received < count) {
      if (ch.read(buf) < 0) {
        throw new EOFException(
            "connection closed after " + received + " of " + count + " frames");
      }
      buf.flip();
      received += counter.count(buf);
      buf.compact();
      window.received(received);
    }
  }
}

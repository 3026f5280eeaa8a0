package org.loombus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/** The sending half of a streaming measurement: numbered copies of one frame, in batches. */
final class StreamSender {
  /** Frames per write of a client that must not be what is measured. */
  static final int BATCH = 256;

  private StreamSender() {}

  /**
   * @param ch the connection
   * @param frame the frame to repeat; its first four bytes are replaced by a running number (the
   *     frame id of a client frame, docs/protocol.md §2.7)
   * @param count how many to send
   * @param window paces the sender to its receiver
   * @param perWrite frames per write (system call)
   * @throws IOException if a write fails
   * @throws InterruptedException if the run is aborted
   */
  static void send(SocketChannel ch, byte[] frame, long count, Window window, int perWrite)
      throws IOException, InterruptedException {
    int size = frame.length;
    ByteBuffer batch = ByteBuffer.allocateDirect(size * perWrite).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < perWrite; i++) {
      batch.put(frame);
    }
    int id = 1;
    for (long sent = 0; sent < count; ) {
      int k = (int) Math.min(perWrite, count - sent);
      window.awaitRoom(sent + k);
      for (int i = 0; i < k; i++) {
        batch.putInt(i * size, id++);
      }
      batch.limit(k * size).position(0);
      Wire.writeFully(ch, batch);
      sent += k;
    }
  }
}

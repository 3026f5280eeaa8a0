package org.loombus.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Ops;

/**
 * The sending half of the acknowledged measurement: one frame at a time, each followed by a wait
 * for its ACK {@code FE id 01} (docs/protocol.md §2.5), passing over keep-alive frames.
 */
final class AckedSender {
  private AckedSender() {}

  /**
   * @param ch the sender's connection
   * @param frame a QoS-1 client frame; its id (first four bytes) is replaced by a running number
   * @param count how many to send
   * @param window paces the sender to its receiver
   * @throws IOException if the broker answers anything but a matching OK ACK
   * @throws InterruptedException if the run is aborted
   */
  static void send(SocketChannel ch, byte[] frame, long count, Window window)
      throws IOException, InterruptedException {
    ByteBuffer out = ByteBuffer.allocateDirect(frame.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(frame);
    ByteBuffer in = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN).flip();
    for (int id = 1; id <= count; id++) {
      window.awaitRoom(id);
      out.putInt(0, id).clear();
      Wire.writeFully(ch, out);
      awaitAck(ch, in, id);
    }
  }

  /** {@code in} is in read mode before and after. */
  private static void awaitAck(SocketChannel ch, ByteBuffer in, int id) throws IOException {
    while (true) {
      while (in.remaining() >= Ops.BROKER_HEADER_SIZE) {
        int kind = in.get() & 0xFF;
        int value = in.getInt();
        int code = in.get() & 0xFF;
        if (kind == Ops.KIND_NOP && value == 0) {
          continue;
        }
        if (kind != Ops.KIND_ACK || value != id || code != ResultCode.OK) {
          throw new IOException(String.format(
              "expected ACK of frame %d with 01, got kind %02x, value %d, code %02x",
              id, kind, value, code));
        }
        return;
      }
      in.compact();
      if (ch.read(in) < 0) {
        throw new EOFException("connection closed while waiting for the ACK of frame " + id);
      }
      in.flip();
    }
  }
}

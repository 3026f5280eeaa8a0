package org.loombus.client.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Frames;
import org.loombus.protocol.Ops;

/**
 * Parses the broker-to-client byte stream (spec §2.5): 6-byte headers; NOPs are skipped, ACKs and
 * data frames (kinds {@code 01 12 13}) are handed to a {@link Sink}. Any other kind, a data frame
 * without its {@code 00} terminators, or EOF inside a frame is a protocol error, as in the Rust
 * client. Each data frame gets its own body array, because the {@link Frame} handed on is a view
 * over it.
 */
final class InboundReader {
  /** Where parsed frames go. */
  interface Sink {
    /**
     * @param id the acknowledged frame id (raw u32)
     * @param code the result code
     */
    void ack(int id, int code);

    /**
     * @param frame a delivered frame
     * @return false to stop reading
     * @throws InterruptedException if interrupted while handing it on
     */
    boolean frame(Frame frame) throws InterruptedException;
  }

  /** The broker sent something no BUS/RT broker sends. */
  static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }

  /** Bodies above this cannot be held in one Java array. */
  private static final long MAX_BODY = Integer.MAX_VALUE - 16;

  private final ReadableByteChannel channel;
  private final ByteBuffer buf;
  private final byte[] header = new byte[Ops.BROKER_HEADER_SIZE];

  InboundReader(ReadableByteChannel channel, int bufSize) {
    this.channel = channel;
    this.buf = ByteBuffer.allocate(bufSize).flip();
  }

  /**
   * Reads until the broker closes the connection at a frame boundary or the sink says stop.
   *
   * @param sink receives ACKs and frames
   * @throws IOException on a read error or a protocol error
   * @throws InterruptedException if the sink is interrupted
   */
  void run(Sink sink) throws IOException, InterruptedException {
    while (readFully(header, 0, header.length, true)) {
      int kind = header[0] & 0xFF;
      switch (kind) {
        case Ops.KIND_NOP -> { }
        case Ops.KIND_ACK -> sink.ack(Frames.getIntLE(header, 1), header[5] & 0xFF);
        case Ops.PUBLISH, Ops.MESSAGE, Ops.BROADCAST -> {
          long len = Frames.getIntLE(header, 1) & 0xFFFF_FFFFL;
          if (len > MAX_BODY) {
            throw new ProtocolException("frame body of " + len + " bytes is too large");
          }
          byte[] body = new byte[(int) len];
          readFully(body, 0, body.length, false);
          Frame frame;
          try {
            frame = Frame.of(kind, body, 0, body.length, header[5] != 0);
          } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
          }
          if (!sink.frame(frame)) {
            return;
          }
        }
        default -> throw new ProtocolException(String.format("unknown frame kind 0x%02X", kind));
      }
    }
  }

  /**
   * @param atBoundary whether a clean EOF before the first byte is the normal end
   * @return false at a clean EOF
   */
  private boolean readFully(byte[] dst, int off, int len, boolean atBoundary) throws IOException {
    int got = 0;
    while (got < len) {
      if (buf.hasRemaining()) {
        int k = Math.min(len - got, buf.remaining());
        buf.get(dst, off + got, k);
        got += k;
        continue;
      }
      int n;
      if (len - got >= buf.capacity()) {
        n = channel.read(ByteBuffer.wrap(dst, off + got, len - got)); // large body: no extra copy
        got += Math.max(n, 0);
      } else {
        buf.clear();
        n = channel.read(buf);
        buf.flip();
      }
      if (n < 0) {
        if (got == 0 && atBoundary) {
          return false;
        }
        throw new EOFException("the broker closed the connection in the middle of a frame");
      }
    }
    return true;
  }
}

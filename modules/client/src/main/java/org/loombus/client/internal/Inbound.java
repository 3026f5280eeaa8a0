package org.loombus.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * Parses the broker-to-client byte stream (docs/protocol.md §2.5) with the protocol's codec, as it
 * arrives on the reactor: 6-byte
 * headers; NOPs are skipped, ACKs and data frames (kinds {@code 01 12 13}) are handed to a
 * {@link Sink}. Any other kind, a data frame without its {@code 00} terminators, or EOF inside a
 * frame is a protocol error, as in the Rust client. The buffer grows to hold a large frame whole
 * and shrinks back after it. A frame the sink has no room for is held until {@link #deliver} is
 * called again.
 */
final class Inbound {
  /** Where parsed frames go. */
  interface Sink {
    /**
     * @param id the acknowledged frame id (raw u32)
     * @param code the result code
     */
    void ack(int id, int code);

    /**
     * @param frame a delivered frame
     * @return false if there is no room for it now
     */
    boolean frame(Frame frame);
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

  private final int bufSize;
  private ByteBuffer buf;
  private Frame held;

  /** @param bufSize bytes read at once */
  Inbound(int bufSize) {
    this.bufSize = bufSize;
    this.buf = ByteBuffer.allocate(bufSize);
  }

  /**
   * Reads what the channel has.
   *
   * @return bytes read, or -1 at end of stream
   * @throws ProtocolException if the stream ended inside a frame
   * @throws IOException if the read fails
   */
  int read(SocketChannel channel) throws IOException {
    int n = channel.read(buf);
    // Unless a frame is held, everything complete was delivered: what is left is a partial frame.
    if (n < 0 && held == null && buf.position() > 0) {
      throw new ProtocolException("the broker closed the connection in the middle of a frame");
    }
    return n;
  }

  /**
   * Hands every complete frame read so far to the sink, stopping at the first it has no room for.
   *
   * @param sink where frames go
   * @return false if a frame is held for lack of room
   * @throws ProtocolException if the broker broke the protocol
   */
  boolean deliver(Sink sink) throws ProtocolException {
    if (held != null) {
      if (!sink.frame(held)) {
        return false;
      }
      held = null;
    }
    buf.flip();
    byte[] b = buf.array(); // a heap buffer of its own: array offset 0
    try {
      while (buf.remaining() >= Ops.BROKER_HEADER_SIZE) {
        int at = buf.position();
        int kind = Frames.brokerKind(b, at);
        switch (kind) {
          case Ops.KIND_NOP -> buf.position(at + Ops.BROKER_HEADER_SIZE);
          case Ops.KIND_ACK -> {
            buf.position(at + Ops.BROKER_HEADER_SIZE);
            sink.ack(Frames.brokerWord(b, at), Frames.brokerByte5(b, at));
          }
          case Ops.PUBLISH, Ops.MESSAGE, Ops.BROADCAST -> {
            long len = Integer.toUnsignedLong(Frames.brokerWord(b, at));
            if (len > MAX_BODY) {
              throw new ProtocolException("frame body of " + len + " bytes is too large");
            }
            if (buf.remaining() < Ops.BROKER_HEADER_SIZE + len) {
              makeRoomFor(Ops.BROKER_HEADER_SIZE + (int) len);
              return true;
            }
            byte[] body = new byte[(int) len];
            buf.position(at + Ops.BROKER_HEADER_SIZE).get(body);
            Frame frame;
            try {
              frame = Frame.of(FrameKind.ofCode(kind), body, 0, body.length,
                  Frames.brokerByte5(b, at) != 0);
            } catch (IllegalArgumentException e) {
              throw new ProtocolException(e.getMessage());
            }
            if (!sink.frame(frame)) {
              held = frame;
              return false;
            }
          }
          default -> throw new ProtocolException(
              String.format("unknown frame kind 0x%02X", kind));
        }
      }
      return true;
    } finally {
      buf.compact();
      if (buf.position() == 0 && buf.capacity() > bufSize) {
        buf = ByteBuffer.allocate(bufSize); // a large frame passed
      }
    }
  }

  /** Called in read mode: grows the buffer so a frame of {@code size} bytes fits whole. */
  private void makeRoomFor(int size) {
    if (buf.capacity() < size) {
      ByteBuffer bigger = ByteBuffer.allocate(size);
      bigger.put(buf);
      buf = bigger.flip();
    }
  }
}

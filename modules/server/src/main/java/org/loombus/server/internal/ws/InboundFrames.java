package org.loombus.server.internal.ws;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The client-to-server half of RFC 6455 §5 as a byte stream: the payload bytes of binary messages
 * and their continuations, unmasked, with message boundaries dropped, because BUS/RT over
 * WebSocket is one byte stream cut into messages anywhere (docs/protocol.md §1.1). Control frames
 * are answered on the way: a ping with a pong, a close with a close, after which the stream ends.
 * Payload bytes go straight into the caller's buffer; only headers and control frames pass
 * through the small buffer of this class.
 */
final class InboundFrames {
  static final int PROTOCOL_ERROR = 1002;
  static final int UNACCEPTABLE_DATA = 1003;
  static final int TOO_BIG = 1009;
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  /** RFC 6455 §5.5: control frames carry at most 125 bytes. */
  private static final int MAX_CONTROL = 125;

  /** What the reading side needs written back. */
  interface Replies {
    /**
     * @param payload the ping's payload, to return in a pong
     * @throws IOException if it cannot be written
     */
    void pong(byte[] payload) throws IOException;

    /**
     * @param status the client's close status, or -1 if it gave none
     * @throws IOException if the answering close cannot be written
     */
    void closed(int status) throws IOException;
  }

  private final ByteStream stream;
  private final Replies replies;
  private final long messageLimit;
  /** Bytes read but not yet parsed, in read mode. */
  private final ByteBuffer in;
  private final byte[] mask = new byte[4];
  private int maskIndex;
  /** Payload bytes of the current data frame still to come. */
  private long payloadLeft;
  /** Whether a message has begun whose final frame has not yet come. */
  private boolean inMessage;
  private long messageSize;
  private boolean ended;

  /**
   * @param stream the connection
   * @param replies where pongs and the closing answer go
   * @param in the buffer, in read mode, holding what followed the upgrade request
   * @param messageLimit largest message, over all its frames, in bytes
   */
  InboundFrames(ByteStream stream, Replies replies, ByteBuffer in, long messageLimit) {
    this.stream = stream;
    this.replies = replies;
    this.in = in;
    this.messageLimit = messageLimit;
  }

  /**
   * @param dst where payload bytes go
   * @return bytes put into {@code dst} (at least one if it had room), or -1 once the client closed
   *     the WebSocket or the connection at a frame boundary
   * @throws WebSocketViolation if the client broke the protocol
   * @throws IOException if the connection failed
   */
  int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    while (payloadLeft == 0) {
      if (ended || !nextFrame()) {
        ended = true;
        return -1;
      }
    }
    int start = dst.position();
    int n = (int) Math.min(payloadLeft, dst.remaining());
    if (in.hasRemaining()) {
      n = Math.min(n, in.remaining());
      dst.put(dst.position(), in, in.position(), n);
      in.position(in.position() + n);
      dst.position(start + n);
    } else {
      int limit = dst.limit();
      dst.limit(start + n);
      try {
        n = stream.read(dst);
      } finally {
        dst.limit(limit);
      }
      if (n < 0) {
        throw new EOFException("connection closed inside a WebSocket frame");
      }
    }
    unmask(dst, start, start + n);
    payloadLeft -= n;
    return n;
  }

  /**
   * Parses frame headers, answering control frames, until a data frame with payload begins.
   *
   * @return false if the stream ended: the client closed the WebSocket, or the connection between
   *     frames
   */
  private boolean nextFrame() throws IOException {
    if (!fill(2, true)) {
      return false;
    }
    int b0 = in.get(in.position()) & 0xFF;
    int b1 = in.get(in.position() + 1) & 0xFF;
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    if ((b0 & 0x70) != 0) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "reserved bits set; no extension was agreed");
    }
    if ((b1 & 0x80) == 0) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "unmasked frame from the client");
    }
    int len7 = b1 & 0x7F;
    int extra = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
    fill(2 + extra + 4, false);
    in.position(in.position() + 2);
    long len = extra == 0 ? len7 : extra == 2 ? in.getShort() & 0xFFFF : in.getLong();
    if (len < 0) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "frame length with its top bit set");
    }
    in.get(mask);
    maskIndex = 0;
    switch (opcode) {
      case OP_BINARY, OP_CONTINUATION -> {
        if ((opcode == OP_BINARY) == inMessage) {
          throw new WebSocketViolation(PROTOCOL_ERROR, inMessage
              ? "a new message before the final frame of the last one"
              : "continuation frame outside a message");
        }
        messageSize = (opcode == OP_BINARY ? 0 : messageSize) + len;
        if (messageSize > messageLimit) {
          throw new WebSocketViolation(TOO_BIG, "message of more than " + messageLimit
              + " bytes");
        }
        inMessage = !fin;
        payloadLeft = len;
        return true;
      }
      case OP_TEXT -> throw new WebSocketViolation(UNACCEPTABLE_DATA,
          "text message; BUS/RT travels in binary messages");
      case OP_PING, OP_PONG, OP_CLOSE -> {
        return control(opcode, fin, len);
      }
      default -> throw new WebSocketViolation(PROTOCOL_ERROR, "reserved opcode " + opcode);
    }
  }

  /** @return false for a close, which ends the stream */
  private boolean control(int opcode, boolean fin, long len) throws IOException {
    if (!fin || len > MAX_CONTROL) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "fragmented or over-long control frame");
    }
    int n = (int) len;
    fill(n, false);
    byte[] payload = new byte[n];
    in.get(payload);
    for (int i = 0; i < n; i++) {
      payload[i] ^= mask[i & 3];
    }
    if (opcode == OP_PING) {
      replies.pong(payload);
      return true;
    }
    if (opcode == OP_PONG) {
      return true; // unsolicited pongs are allowed (RFC 6455 §5.5.3); none are asked for
    }
    if (n == 1) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "close frame of one byte");
    }
    int status = n == 0 ? -1 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
    if (status >= 0 && !sendable(status)) {
      throw new WebSocketViolation(PROTOCOL_ERROR, "close status " + status);
    }
    replies.closed(status);
    return false;
  }

  /**
   * RFC 6455 §7.4: the statuses a peer may put in a close frame; 1005 and 1006 only report a
   * close without one, and others below 3000 are unassigned.
   */
  private static boolean sendable(int status) {
    return status >= 1000 && status <= 1003 || status >= 1007 && status <= 1011
        || status >= 3000 && status <= 4999;
  }

  /**
   * Reads until {@code in} holds at least {@code need} bytes.
   *
   * @param mayEnd whether the connection may end here: between frames, outside a message
   * @return false if it ended where it may
   */
  private boolean fill(int need, boolean mayEnd) throws IOException {
    while (in.remaining() < need) {
      in.compact();
      int n;
      try {
        n = stream.read(in);
      } finally {
        in.flip();
      }
      if (n < 0) {
        if (mayEnd && !in.hasRemaining() && !inMessage) {
          return false;
        }
        throw new EOFException("connection closed inside a WebSocket frame");
      }
    }
    return true;
  }

  private void unmask(ByteBuffer b, int from, int to) {
    int k = maskIndex;
    if (b.hasArray()) {
      byte[] a = b.array();
      int off = b.arrayOffset();
      for (int i = from; i < to; i++) {
        a[off + i] ^= mask[k];
        k = (k + 1) & 3;
      }
    } else {
      for (int i = from; i < to; i++) {
        b.put(i, (byte) (b.get(i) ^ mask[k]));
        k = (k + 1) & 3;
      }
    }
    maskIndex = k;
  }
}

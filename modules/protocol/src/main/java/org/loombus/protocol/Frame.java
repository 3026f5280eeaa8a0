package org.loombus.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.loombus.protocol.wire.Handshake;

/**
 * A frame delivered to a client: a direct message, a broadcast or a publication (docs/protocol.md
 * §2.5). It is a view over the delivered body {@code sender 00 [topic 00] payload}; the broker
 * shares one body between all recipients, so the payload is exposed read-only or as a copy.
 */
public final class Frame {
  private final FrameKind kind;
  private final byte[] buf;
  private final int start;
  private final int senderEnd;
  private final int topicEnd;
  private final int end;
  private final boolean realtime;

  private Frame(
      FrameKind kind, byte[] buf, int start, int senderEnd, int topicEnd, int end,
      boolean realtime) {
    this.kind = kind;
    this.buf = buf;
    this.start = start;
    this.senderEnd = senderEnd;
    this.topicEnd = topicEnd;
    this.end = end;
    this.realtime = realtime;
  }

  /**
   * Views a delivered body.
   *
   * @param kind what the frame is
   * @param buf the array holding the body
   * @param start where the body starts (the sender name)
   * @param length body length
   * @param realtime byte 5 of the delivered frame header
   * @return the frame
   * @throws IllegalArgumentException if the sender (or, for publications, the topic) is not
   *     terminated by {@code 00}
   */
  public static Frame of(FrameKind kind, byte[] buf, int start, int length, boolean realtime) {
    int end = start + length;
    int senderEnd = indexOfZero(buf, start, end);
    if (senderEnd < 0) {
      throw new IllegalArgumentException("delivered frame has no sender terminator");
    }
    int topicEnd = -1;
    if (kind == FrameKind.PUBLICATION) {
      topicEnd = indexOfZero(buf, senderEnd + 1, end);
      if (topicEnd < 0) {
        throw new IllegalArgumentException("delivered publication has no topic terminator");
      }
    }
    return new Frame(kind, buf, start, senderEnd, topicEnd, end, realtime);
  }

  static int indexOfZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** @return what the frame is */
  public FrameKind kind() {
    return kind;
  }

  /** @return the full name of the sending client (with any {@code %%} suffix) */
  public String sender() {
    return new String(buf, start, senderEnd - start, StandardCharsets.UTF_8);
  }

  /** @return the sender's primary name */
  public String primarySender() {
    return Handshake.primaryOf(sender());
  }

  /** @return the topic of a publication, or {@code null} for other kinds */
  public String topic() {
    return topicEnd < 0
        ? null
        : new String(buf, senderEnd + 1, topicEnd - senderEnd - 1, StandardCharsets.UTF_8);
  }

  /** @return a copy of the payload */
  public byte[] payload() {
    return Arrays.copyOfRange(buf, payloadStart(), end);
  }

  /** @return the payload as a read-only buffer over the shared body, without copying */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(buf, payloadStart(), end - payloadStart()).slice().asReadOnlyBuffer();
  }

  /** @return the payload's length in bytes */
  public int payloadLength() {
    return end - payloadStart();
  }

  /** @return whether the sender used a real-time QoS */
  public boolean isRealtime() {
    return realtime;
  }

  private int payloadStart() {
    return (topicEnd < 0 ? senderEnd : topicEnd) + 1;
  }

  @Override
  public String toString() {
    return "Frame[kind=" + kind + ", sender=" + sender()
        + (topicEnd < 0 ? "" : ", topic=" + topic()) + ", payload=" + payloadLength() + " bytes]";
  }
}

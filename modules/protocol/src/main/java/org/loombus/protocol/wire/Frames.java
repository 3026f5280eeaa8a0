package org.loombus.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;

/**
 * The one codec of BUS/RT frames (docs/protocol.md §2), used by the broker, the socket client and
 * the test kit alike: client-to-broker frames {@code id u32 · flags u8 · len u32 · body} (§2.1)
 * and broker-to-client frames {@code kind u8 · len-or-id u32 · byte5 · body} (§2.5), both
 * little-endian. Encoders produce one array per frame, so a broker hands the same delivered frame
 * to every recipient; decoders read header fields in place, without copying.
 */
public final class Frames {
  private static final byte[] NOP = new byte[Ops.BROKER_HEADER_SIZE];

  private Frames() {}

  // ---- broker to client -------------------------------------------------------------------

  /** @return the six-byte keep-alive frame {@code 00 00 00 00 00 00} (shared; do not modify) */
  public static byte[] nop() {
    return NOP;
  }

  /**
   * @param id the acknowledged frame's id, as read (little-endian u32)
   * @param code the result code
   * @return the six-byte ACK {@code FE id code}
   */
  public static byte[] ack(int id, int code) {
    byte[] b = new byte[Ops.BROKER_HEADER_SIZE];
    b[0] = (byte) Ops.KIND_ACK;
    putIntLE(b, 1, id);
    b[5] = (byte) code;
    return b;
  }

  /**
   * Builds a delivered direct message or broadcast: {@code kind len rt sender 00 payload}.
   *
   * @param kind {@link Ops#MESSAGE} or {@link Ops#BROADCAST}
   * @param sender the sender's full name, UTF-8
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   * @return the whole frame
   */
  public static byte[] delivery(
      int kind, byte[] sender, byte[] src, int off, int len, boolean realtime) {
    int bodyLen = sender.length + 1 + len;
    byte[] b = brokerHeader(kind, bodyLen, realtime);
    System.arraycopy(sender, 0, b, 6, sender.length);
    System.arraycopy(src, off, b, 7 + sender.length, len);
    return b;
  }

  /**
   * Builds a delivered publication: {@code 01 len rt sender 00 topic 00 payload}.
   *
   * @param sender the sender's full name, UTF-8
   * @param src array holding the topic and the payload
   * @param topicOff topic offset
   * @param topicLen topic length
   * @param payloadOff payload offset
   * @param payloadLen payload length
   * @param realtime whether the sender used a real-time QoS
   * @return the whole frame
   */
  public static byte[] publication(
      byte[] sender,
      byte[] src,
      int topicOff,
      int topicLen,
      int payloadOff,
      int payloadLen,
      boolean realtime) {
    int bodyLen = sender.length + 1 + topicLen + 1 + payloadLen;
    byte[] b = brokerHeader(Ops.PUBLISH, bodyLen, realtime);
    int p = 6;
    System.arraycopy(sender, 0, b, p, sender.length);
    p += sender.length + 1;
    System.arraycopy(src, topicOff, b, p, topicLen);
    p += topicLen + 1;
    System.arraycopy(src, payloadOff, b, p, payloadLen);
    return b;
  }

  private static byte[] brokerHeader(int kind, int bodyLen, boolean realtime) {
    byte[] b = new byte[Ops.BROKER_HEADER_SIZE + bodyLen];
    b[0] = (byte) kind;
    putIntLE(b, 1, bodyLen);
    b[5] = (byte) (realtime ? 1 : 0);
    return b;
  }

  /**
   * @param b bytes holding a broker-to-client header at {@code at}
   * @param at the header's offset
   * @return its kind byte: {@link Ops#KIND_NOP}, {@link Ops#KIND_ACK} or a data frame's op
   */
  public static int brokerKind(byte[] b, int at) {
    return b[at] & 0xFF;
  }

  /**
   * @param b bytes holding a broker-to-client header at {@code at}
   * @param at the header's offset
   * @return bytes 1–4: the acknowledged frame's id of an ACK, the body length of a data frame
   *     (unsigned; compare with {@link Integer#toUnsignedLong})
   */
  public static int brokerWord(byte[] b, int at) {
    return getIntLE(b, at + 1);
  }

  /**
   * @param b bytes holding a broker-to-client header at {@code at}
   * @param at the header's offset
   * @return byte 5: the result code of an ACK, the real-time flag (non-zero) of a data frame
   */
  public static int brokerByte5(byte[] b, int at) {
    return b[at + 5] & 0xFF;
  }

  /**
   * Views a whole delivered data frame, header and body, as a {@link Frame}, without copying: the
   * form in which in-process clients receive what the broker built for everybody.
   *
   * @param whole a frame made by {@link #delivery} or {@link #publication}
   * @return the frame
   * @throws IllegalArgumentException if it is no data frame or its body lacks a terminator
   */
  public static Frame viewDelivered(byte[] whole) {
    FrameKind kind = FrameKind.ofCode(brokerKind(whole, 0));
    if (kind == null) {
      throw new IllegalArgumentException("not a delivered data frame: kind " + brokerKind(whole, 0));
    }
    return Frame.of(kind, whole, Ops.BROKER_HEADER_SIZE, whole.length - Ops.BROKER_HEADER_SIZE,
        brokerByte5(whole, 0) != 0);
  }

  // ---- client to broker -------------------------------------------------------------------

  /**
   * @param parts addressing fields followed by the payload; for subscription lists, the masks
   * @return the body length of a client frame made of them: the parts joined by single {@code 00}
   */
  public static int clientBodyLength(byte[]... parts) {
    int body = Math.max(0, parts.length - 1);
    for (byte[] p : parts) {
      body += p.length;
    }
    return body;
  }

  /**
   * Writes a client-to-broker frame: {@code id flags len} then the parts joined by single
   * {@code 00} bytes (the last part, the payload, is not terminated).
   *
   * @param out where it goes, little-endian, with {@link Ops#CLIENT_HEADER_SIZE} + body bytes free
   * @param id frame id
   * @param flags op code and QoS bits (§2.1)
   * @param body the body length, {@link #clientBodyLength} of the parts
   * @param parts the body's fields
   */
  public static void putClientFrame(ByteBuffer out, int id, int flags, int body, byte[]... parts) {
    assert out.order() == ByteOrder.LITTLE_ENDIAN;
    out.putInt(id).put((byte) flags).putInt(body);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.put((byte) 0);
      }
      out.put(parts[i]);
    }
  }

  /**
   * Builds a client-to-broker frame as one array (see {@link #putClientFrame}).
   *
   * @param id frame id
   * @param op op code
   * @param qos QoS
   * @param parts addressing fields followed by the payload; for subscription lists, the masks
   * @return the whole frame
   */
  public static byte[] clientFrame(int id, int op, Qos qos, byte[]... parts) {
    int body = clientBodyLength(parts);
    ByteBuffer b = ByteBuffer.allocate(Ops.CLIENT_HEADER_SIZE + body)
        .order(ByteOrder.LITTLE_ENDIAN);
    putClientFrame(b, id, flags(op, qos), body, parts);
    return b.array();
  }

  /**
   * @param op op code
   * @param qos QoS
   * @return the flags byte of a client frame (§2.1): the QoS in bits 6–7, the op below
   */
  public static int flags(int op, Qos qos) {
    return op | qos.code() << 6;
  }

  /**
   * @param b bytes holding a client-to-broker header at {@code at}
   * @param at the header's offset
   * @return the frame id (raw u32, echoed in its ACK)
   */
  public static int clientId(byte[] b, int at) {
    return getIntLE(b, at);
  }

  /**
   * @param b bytes holding a client-to-broker header at {@code at}
   * @param at the header's offset
   * @return the flags byte: {@link Ops#PING} for a ping, else op code and QoS bits
   */
  public static int clientFlags(byte[] b, int at) {
    return b[at + 4] & 0xFF;
  }

  /**
   * @param b bytes holding a client-to-broker header at {@code at}
   * @param at the header's offset
   * @return the announced body length, unsigned
   */
  public static long clientBodyLength(byte[] b, int at) {
    return getIntLE(b, at + 5) & 0xFFFF_FFFFL;
  }

  // ---- integers ---------------------------------------------------------------------------

  /**
   * @param b array
   * @param off offset
   * @param v value written as a little-endian u32
   */
  public static void putIntLE(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  /**
   * @param b array
   * @param off offset
   * @return the little-endian u32 at {@code off} (as a Java int; compare unsigned where needed)
   */
  public static int getIntLE(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }
}

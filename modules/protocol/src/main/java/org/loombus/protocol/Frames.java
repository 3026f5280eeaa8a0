package org.loombus.protocol;

/**
 * Encoding of whole frames as byte arrays: the broker-to-client delivery, ACK and NOP frames
 * (spec §2.5) and the client-to-broker frames (§2.1, §2.3). One array per frame, so a broker can
 * hand the same delivered frame to every recipient.
 */
public final class Frames {
  private static final byte[] NOP = new byte[Ops.BROKER_HEADER_SIZE];

  private Frames() {}

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
    byte[] b = header(kind, bodyLen, realtime);
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
    byte[] b = header(Ops.PUBLISH, bodyLen, realtime);
    int p = 6;
    System.arraycopy(sender, 0, b, p, sender.length);
    p += sender.length + 1;
    System.arraycopy(src, topicOff, b, p, topicLen);
    p += topicLen + 1;
    System.arraycopy(src, payloadOff, b, p, payloadLen);
    return b;
  }

  private static byte[] header(int kind, int bodyLen, boolean realtime) {
    byte[] b = new byte[Ops.BROKER_HEADER_SIZE + bodyLen];
    b[0] = (byte) kind;
    putIntLE(b, 1, bodyLen);
    b[5] = (byte) (realtime ? 1 : 0);
    return b;
  }

  /**
   * Builds a client-to-broker frame: {@code id flags len} then the parts joined by single
   * {@code 00} bytes (the last part, the payload, is not terminated).
   *
   * @param id frame id
   * @param op op code
   * @param qos QoS
   * @param parts addressing fields followed by the payload; for subscription lists, the masks
   * @return the whole frame
   */
  public static byte[] clientFrame(int id, int op, Qos qos, byte[]... parts) {
    int bodyLen = Math.max(0, parts.length - 1);
    for (byte[] p : parts) {
      bodyLen += p.length;
    }
    byte[] b = new byte[Ops.CLIENT_HEADER_SIZE + bodyLen];
    putIntLE(b, 0, id);
    b[4] = (byte) (op | qos.code() << 6);
    putIntLE(b, 5, bodyLen);
    int p = Ops.CLIENT_HEADER_SIZE;
    for (int i = 0; i < parts.length; i++) {
      System.arraycopy(parts[i], 0, b, p, parts[i].length);
      p += parts[i].length + 1;
    }
    return b;
  }

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

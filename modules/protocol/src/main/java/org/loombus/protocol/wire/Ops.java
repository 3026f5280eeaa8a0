package org.loombus.protocol.wire;

/**
 * Op codes of client-to-broker frames (docs/protocol.md §2.3) and kinds of broker-to-client frames
 * (§2.5), as plain ints because they are compared on every frame.
 */
public final class Ops {
  /** Flags byte {@code 00}: a client ping; only the 9 header bytes are consumed. */
  public static final int PING = 0x00;
  /** {@code topic 00 payload}. */
  public static final int PUBLISH = 0x01;
  /** NUL-separated list of topic masks. */
  public static final int SUBSCRIBE = 0x02;
  /** NUL-separated list of topic masks. */
  public static final int UNSUBSCRIBE = 0x03;
  /** NUL-separated list of topic masks. */
  public static final int EXCLUDE = 0x04;
  /** NUL-separated list of topic masks. */
  public static final int UNEXCLUDE = 0x05;
  /** {@code topic 00 receiver 00 payload}. */
  public static final int PUBLISH_FOR = 0x06;
  /** {@code target 00 payload}: one-to-one message. */
  public static final int MESSAGE = 0x12;
  /** {@code name-mask 00 payload}. */
  public static final int BROADCAST = 0x13;

  /** Broker-to-client kind of a keep-alive frame (six zero bytes). */
  public static final int KIND_NOP = 0x00;
  /** Broker-to-client kind of an acknowledgement. */
  public static final int KIND_ACK = 0xFE;

  /** Size of a client-to-broker frame header: id u32, flags u8, length u32. */
  public static final int CLIENT_HEADER_SIZE = 9;
  /** Size of a broker-to-client frame header: kind u8, length or id u32, byte 5. */
  public static final int BROKER_HEADER_SIZE = 6;

  private Ops() {}

  /**
   * @param op an op code (flags and 0x3F)
   * @return whether a broker accepts frames with that op code
   */
  public static boolean isKnown(int op) {
    return op <= UNEXCLUDE || op == PUBLISH_FOR || op == MESSAGE || op == BROADCAST;
  }

  /**
   * @param op an op code
   * @return whether the op carries an addressing field and a payload (publish, publish-for,
   *     message, broadcast)
   */
  public static boolean isDelivery(int op) {
    return op == PUBLISH || op == PUBLISH_FOR || op == MESSAGE || op == BROADCAST;
  }
}

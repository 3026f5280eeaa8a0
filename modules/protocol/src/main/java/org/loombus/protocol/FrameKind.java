package org.loombus.protocol;

import org.loombus.protocol.wire.Ops;

/**
 * What a delivered {@link Frame} is: the kinds of data frame a broker sends to a client
 * (docs/protocol.md §2.5), each with its byte on the wire.
 */
public enum FrameKind {
  /** A publication to a topic the client subscribed to (op {@code 01}). */
  PUBLICATION(Ops.PUBLISH),
  /** A one-to-one message (op {@code 12}). */
  MESSAGE(Ops.MESSAGE),
  /** A message to a name mask the client's name matched (op {@code 13}). */
  BROADCAST(Ops.BROADCAST);

  private final int code;

  FrameKind(int code) {
    this.code = code;
  }

  /** @return the kind byte of the delivered frame's header */
  public int code() {
    return code;
  }

  /**
   * @param code a kind byte of a broker-to-client frame
   * @return the data frame kind with that byte, or {@code null} if it is none (an ACK, a NOP or
   *     an unknown byte)
   */
  public static FrameKind ofCode(int code) {
    return switch (code) {
      case Ops.PUBLISH -> PUBLICATION;
      case Ops.MESSAGE -> MESSAGE;
      case Ops.BROADCAST -> BROADCAST;
      default -> null;
    };
  }
}

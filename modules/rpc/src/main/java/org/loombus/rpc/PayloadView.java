package org.loombus.rpc;

import java.util.Arrays;
import org.loombus.protocol.wire.Utf8;

/**
 * How a payload reads to a person, as the reference tool shows it (docs/protocol.md §10.1): valid
 * UTF-8 without control bytes below TAB is text; otherwise exactly one MessagePack value is that
 * value; otherwise it is binary. The tool and the daemon's dashboard both decide with this.
 */
public sealed interface PayloadView {
  /**
   * @param text the payload as text (empty for an empty payload)
   */
  record Text(String text) implements PayloadView {}

  /**
   * @param value the decoded value, of the types {@link MsgPack#decode} returns
   */
  record MsgPackValue(Object value) implements PayloadView {}

  /**
   * @param bytes the payload, neither text nor MessagePack
   */
  record Binary(byte[] bytes) implements PayloadView {
    /**
     * @param limit most bytes to show
     * @return hex of the first {@code limit} bytes, with {@code …} after it when there are more
     */
    public String hex(int limit) {
      byte[] head = bytes.length > limit ? Arrays.copyOf(bytes, limit) : bytes;
      return java.util.HexFormat.of().formatHex(head) + (bytes.length > limit ? "…" : "");
    }
  }

  /**
   * @param payload a payload
   * @return how it reads
   */
  static PayloadView of(byte[] payload) {
    String text = text(payload);
    if (text != null) {
      return new Text(text);
    }
    try {
      return new MsgPackValue(MsgPack.decode(payload));
    } catch (IllegalArgumentException notMsgPack) {
      return new Binary(payload);
    }
  }

  private static String text(byte[] p) {
    for (byte b : p) {
      if ((b & 0xFF) < 0x09) {
        return null;
      }
    }
    return Utf8.decode(p, 0, p.length);
  }
}

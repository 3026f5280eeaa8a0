package org.loombus.rpc;

import java.util.Arrays;
import org.loombus.protocol.wire.Utf8;

/**
 * The RPC messages carried in the payload of direct messages (docs/protocol.md §4.1), and their
 * codec. All integers little-endian.
 */
public sealed interface RpcPayload {
  /** First byte of a notification. */
  int NOTIFICATION = 0x00;
  /** First byte of a request. */
  int REQUEST = 0x01;
  /** First byte of a reply. */
  int REPLY = 0x11;
  /** First byte of an error reply. */
  int ERROR = 0x12;

  /**
   * {@code 00 ‖ data}.
   *
   * @param data opaque data
   */
  record Notification(byte[] data) implements RpcPayload {}

  /**
   * {@code 01 ‖ id ‖ method ‖ 00 ‖ params}; id 0 asks for no reply (call0).
   *
   * @param id call id
   * @param method method name bytes (normally UTF-8)
   * @param params opaque params (normally MessagePack)
   */
  record Request(int id, byte[] method, byte[] params) implements RpcPayload {
    /** @return the method name, or {@code null} if it is not valid UTF-8 */
    public String methodName() {
      return Utf8.decode(method, 0, method.length);
    }
  }

  /**
   * {@code 11 ‖ id ‖ result}.
   *
   * @param id call id
   * @param result opaque result
   */
  record Reply(int id, byte[] result) implements RpcPayload {}

  /**
   * {@code 12 ‖ id ‖ code(i16) ‖ data}.
   *
   * @param id call id
   * @param code error code
   * @param data error data
   */
  record Error(int id, int code, byte[] data) implements RpcPayload {}

  /**
   * Parses a payload with the reference's minimum lengths (request ≥ 6 bytes with the 00 after the
   * method, reply ≥ 5, error ≥ 7).
   *
   * @param b the message payload
   * @param off offset
   * @param len length
   * @return the message, or {@code null} if it is not a valid RPC payload (logged and dropped by
   *     callers)
   */
  static RpcPayload parse(byte[] b, int off, int len) {
    if (len < 1) {
      return null;
    }
    int end = off + len;
    switch (b[off] & 0xFF) {
      case NOTIFICATION:
        return new Notification(Arrays.copyOfRange(b, off + 1, end));
      case REQUEST: {
        if (len < 6) {
          return null;
        }
        int m = off + 5;
        int z = m;
        while (z < end && b[z] != 0) {
          z++;
        }
        if (z == end) {
          return null;
        }
        return new Request(id(b, off), Arrays.copyOfRange(b, m, z),
            Arrays.copyOfRange(b, z + 1, end));
      }
      case REPLY:
        return len < 5 ? null : new Reply(id(b, off), Arrays.copyOfRange(b, off + 5, end));
      case ERROR:
        return len < 7 ? null : new Error(id(b, off),
            (short) ((b[off + 5] & 0xFF) | (b[off + 6] & 0xFF) << 8),
            Arrays.copyOfRange(b, off + 7, end));
      default:
        return null;
    }
  }

  /**
   * @param b the whole payload of a direct message
   * @return the RPC message it carries, or {@code null} if it is no valid RPC payload
   */
  public static RpcPayload parse(byte[] b) {
    return parse(b, 0, b.length);
  }

  private static int id(byte[] b, int off) {
    return (b[off + 1] & 0xFF) | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF) << 16
        | (b[off + 4] & 0xFF) << 24;
  }

  /** @return the encoded payload */
  default byte[] encode() {
    return switch (this) {
      case Notification n -> concat(new byte[] {NOTIFICATION}, n.data());
      case Request r -> {
        byte[] out = new byte[5 + r.method().length + 1 + r.params().length];
        head(out, REQUEST, r.id());
        System.arraycopy(r.method(), 0, out, 5, r.method().length);
        System.arraycopy(r.params(), 0, out, 6 + r.method().length, r.params().length);
        yield out;
      }
      case Reply r -> {
        byte[] out = new byte[5 + r.result().length];
        head(out, REPLY, r.id());
        System.arraycopy(r.result(), 0, out, 5, r.result().length);
        yield out;
      }
      case Error e -> {
        byte[] out = new byte[7 + e.data().length];
        head(out, ERROR, e.id());
        out[5] = (byte) e.code();
        out[6] = (byte) (e.code() >> 8);
        System.arraycopy(e.data(), 0, out, 7, e.data().length);
        yield out;
      }
    };
  }

  private static void head(byte[] out, int kind, int id) {
    out[0] = (byte) kind;
    out[1] = (byte) id;
    out[2] = (byte) (id >>> 8);
    out[3] = (byte) (id >>> 16);
    out[4] = (byte) (id >>> 24);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

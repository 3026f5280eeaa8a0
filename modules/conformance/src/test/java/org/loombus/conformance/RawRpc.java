package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.loombus.testkit.RawClient;

/**
 * RPC over raw bytes (docs/protocol.md §4.1): builds request payloads, the exact frames {@code
 * .broker} sends, and reads a request's bus ACK together with its reply. The broker may queue the
 * reply before or after the ACK (the spec allows either), so both are read and told apart by kind.
 */
final class RawRpc {
  static final String BROKER = ".broker";
  /** MESSAGE with QoS 1. */
  static final int MESSAGE_QOS1 = 0x52;
  /** MESSAGE with QoS 3 (real-time, acknowledged). */
  static final int MESSAGE_QOS3 = 0xD2;

  private RawRpc() {}

  /** @return {@code 01 ‖ id ‖ method ‖ 00 ‖ params} */
  static byte[] request(int callId, String method, byte[] params) {
    return join(new byte[] {0x01}, le32(callId), utf8(method), new byte[] {0}, params);
  }

  /** @return {@code 11 ‖ id ‖ result} */
  static byte[] reply(int callId, byte[] result) {
    return join(new byte[] {0x11}, le32(callId), result);
  }

  /** @return {@code 12 ‖ id ‖ code(i16 LE)} with no data */
  static byte[] error(int callId, int code) {
    return join(new byte[] {0x12}, le32(callId), new byte[] {(byte) code, (byte) (code >> 8)});
  }

  /** @return the whole MESSAGE frame {@code .broker} sends with this payload */
  static byte[] fromBroker(byte[] payload, boolean realtime) {
    byte[] body = join(utf8(BROKER), new byte[] {0}, payload);
    return join(new byte[] {0x12}, le32(body.length), new byte[] {(byte) (realtime ? 1 : 0)},
        body);
  }

  /** @return the ACK frame {@code FE ‖ id ‖ code} */
  static byte[] ack(int frameId, int code) {
    return join(new byte[] {(byte) 0xFE}, le32(frameId), new byte[] {(byte) code});
  }

  /** Sends {@code request} to {@code .broker} as one frame. */
  static void send(RawClient c, int frameId, int flags, int callId, String method, byte[] params) {
    c.send(frameId, flags, BROKER, request(callId, method, params));
  }

  /**
   * Reads the ACK {@code FE id 01} and one other frame, in either order.
   *
   * @return the other frame, whole
   */
  static byte[] ackAndFrame(RawClient c, int frameId) {
    byte[] first = c.readFrameSkippingNops();
    byte[] second = c.readFrameSkippingNops();
    boolean firstIsAck = (first[0] & 0xFF) == 0xFE;
    byte[] ack = firstIsAck ? first : second;
    byte[] other = firstIsAck ? second : first;
    assertArrayEquals(ack(frameId, 0x01), ack,
        "expected the ACK and one frame, got " + RawClient.hex(first) + " / "
            + RawClient.hex(second));
    return other;
  }

  /**
   * Calls a {@code .broker} method with QoS 1, asserts the reply's envelope ({@code 12 len 00
   * .broker 00 11 id}) and returns its result bytes.
   */
  static byte[] call(RawClient c, int frameId, int callId, String method, byte[] params) {
    send(c, frameId, MESSAGE_QOS1, callId, method, params);
    byte[] frame = ackAndFrame(c, frameId);
    int head = 6 + BROKER.length() + 1 + 5;
    assertTrue(frame.length >= head, "short reply " + RawClient.hex(frame));
    byte[] result = Arrays.copyOfRange(frame, head, frame.length);
    assertArrayEquals(fromBroker(reply(callId, result), false), frame);
    return result;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] join(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

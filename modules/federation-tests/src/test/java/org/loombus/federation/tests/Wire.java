package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.loombus.rpc.MsgPack;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;

/** Frames and RPC payloads written byte by byte, and waits that make a test independent of timing. */
final class Wire {
  private Wire() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** RPC request {@code 01 id method 00 params} (docs/protocol.md §4.1). */
  static byte[] request(int id, String method, byte[] params) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x01);
    b.writeBytes(le(id));
    b.writeBytes(bytes(method));
    b.write(0);
    b.writeBytes(params);
    return b.toByteArray();
  }

  /** RPC reply {@code 11 id result}. */
  static byte[] reply(int id, byte[] result) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x11);
    b.writeBytes(le(id));
    b.writeBytes(result);
    return b.toByteArray();
  }

  /** RPC error {@code 12 id code(i16) data}. */
  static byte[] error(int id, short code, byte[] data) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x12);
    b.writeBytes(le(id));
    b.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(code).array());
    b.writeBytes(data);
    return b.toByteArray();
  }

  static byte[] le(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  /**
   * Sends QoS-1 messages from {@code from} to {@code to} until one is acknowledged {@code 01}
   * (the other node knows the name), then reads that one message at {@code to}. Messages of an
   * earlier wait whose outcome was unknown (ACK {@code 73} or {@code 78}: sent while a link
   * failed) may arrive first; they are skipped.
   */
  static void awaitKnown(Peer from, Peer to) {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    for (int id = 90_000; ; id++) {
      from.send(id, 0x52, to.name, "known?");
      byte[] ack = Lab.readAck(from.raw, id);
      if (ack[5] == 0x01) {
        String stale = RawClient.hex(Peer.message(from.name, "probe"));
        String known = RawClient.hex(Peer.message(from.name, "known?"));
        String f;
        do {
          f = RawClient.hex(to.raw.readFrameSkippingNops());
        } while (f.equals(stale));
        assertEquals(known, f, to.name);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(to.name + " never known to " + from.name + ": "
            + RawClient.hex(ack));
      }
      Lab.sleep(50);
    }
  }

  /**
   * Publishes {@code sync/N} from {@code pub} until each subscriber (each subscribed to
   * {@code sync/#} after its other masks) has received one: NATS carries a node's subscriptions
   * in order, so all of theirs have crossed. Then publishes {@code sync/end} and reads each up to
   * it.
   */
  static void awaitInterest(Peer pub, Peer... subs) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    boolean[] seen = new boolean[subs.length];
    int n = 0;
    while (true) {
      pub.send(80_000 + n, 0x41, "sync/" + n, "");
      pub.expectAck(80_000 + n, 0x01);
      n++;
      boolean all = true;
      for (int i = 0; i < subs.length; i++) {
        if (!seen[i]) {
          try {
            subs[i].raw.readFrame(Duration.ofMillis(100));
            seen[i] = true;
          } catch (AssertionError notYet) {
            all = false;
          }
        }
      }
      if (all) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("subscriptions never crossed");
      }
    }
    pub.send(80_999, 0x41, "sync/end", "");
    pub.expectAck(80_999, 0x01);
    byte[] end = Peer.publication(pub.name, "sync/end", "");
    for (Peer s : subs) {
      while (true) {
        byte[] f = s.raw.readFrameSkippingNops();
        if (RawClient.hex(f).equals(RawClient.hex(end))) {
          break;
        }
      }
    }
  }

  /** Calls a method of {@code .broker} and decodes its MessagePack reply. */
  static Map<?, ?> coreCall(Peer caller, int id, String method) {
    caller.send(id, 0x52, ".broker", request(id, method, new byte[0]));
    byte[] ack = null;
    byte[] answer = null;
    while (ack == null || answer == null) {
      byte[] f = caller.raw.readFrameSkippingNops();
      if ((f[0] & 0xFF) == 0xFE) {
        ack = f;
      } else {
        answer = f;
      }
    }
    assertEquals(RawClient.hex(Peer.ack(id, 1)), RawClient.hex(ack));
    int body = 6 + ".broker".length() + 1;
    assertEquals(0x11, answer[body] & 0xFF, "an RPC reply");
    byte[] result = java.util.Arrays.copyOfRange(answer, body + 5, answer.length);
    return (Map<?, ?>) MsgPack.decode(result);
  }
}

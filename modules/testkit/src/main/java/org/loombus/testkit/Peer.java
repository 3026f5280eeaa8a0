package org.loombus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A registered {@link RawClient} that knows its own name, with the expected broker-to-client
 * frames written out from docs/protocol.md (§2.5) independently of the broker's own encoder.
 * Comparisons are on hex strings so a failure shows both byte sequences.
 */
public final class Peer implements AutoCloseable {
  public final String name;
  public final RawClient raw;

  private Peer(String name, RawClient raw) {
    this.name = name;
    this.raw = raw;
  }

  public static Peer register(SocketAddress address, String name) {
    return new Peer(name, RawClient.register(address, name));
  }

  /** Sends a frame whose body is the parts joined by {@code 00}. */
  public void send(int id, int flags, Object... parts) {
    raw.send(id, flags, parts);
  }

  /** Asserts that the next frame other than a keep-alive is exactly {@code frame}. */
  public void expect(byte[] frame) {
    assertEquals(RawClient.hex(frame), RawClient.hex(raw.readFrameSkippingNops()), name);
  }

  public void expectAck(int id, int code) {
    expect(ack(id, code));
  }

  /** Subscribes (QoS 1) and waits for the {@code 01} ACK, so the masks are in force. */
  public void subscribe(int id, String... masks) {
    send(id, 0x42, (Object[]) masks);
    expectAck(id, 0x01);
  }

  /** Excludes (QoS 1) and waits for the {@code 01} ACK. */
  public void exclude(int id, String... masks) {
    send(id, 0x44, (Object[]) masks);
    expectAck(id, 0x01);
  }

  /**
   * Sends a direct message to {@code to} and asserts it is the next frame there. Frames from one
   * sender reach one receiver in order (docs/protocol.md §3.8), so this proves that nothing this
   * peer sent earlier was delivered to {@code to} unless it was read before, without waiting for
   * silence.
   */
  public void sync(Peer to) {
    byte[] marker = ("sync from " + name).getBytes(StandardCharsets.UTF_8);
    send(0x5E5E, 0x12, to.name, marker);
    to.expect(message(name, marker, false));
  }

  @Override
  public void close() {
    raw.close();
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] ack(int id, int code) {
    return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xFE).putInt(id).put((byte) code).array();
  }

  /** Kind {@code 12}: {@code sender 00 payload}. */
  public static byte[] message(String sender, byte[] payload, boolean realtime) {
    return data(0x12, realtime, bytes(sender), payload);
  }

  public static byte[] message(String sender, String payload) {
    return message(sender, bytes(payload), false);
  }

  /** Kind {@code 13}: {@code sender 00 payload}. */
  public static byte[] broadcast(String sender, byte[] payload) {
    return data(0x13, false, bytes(sender), payload);
  }

  public static byte[] broadcast(String sender, String payload) {
    return broadcast(sender, bytes(payload));
  }

  /** Kind {@code 01}: {@code sender 00 topic 00 payload}. */
  public static byte[] publication(String sender, String topic, byte[] payload) {
    return data(0x01, false, bytes(sender), bytes(topic), payload);
  }

  public static byte[] publication(String sender, String topic, String payload) {
    return publication(sender, topic, bytes(payload));
  }

  private static byte[] data(int kind, boolean realtime, byte[]... fields) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < fields.length; i++) {
      body.writeBytes(fields[i]);
      if (i < fields.length - 1) {
        body.write(0);
      }
    }
    byte[] b = body.toByteArray();
    return ByteBuffer.allocate(6 + b.length).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) kind).putInt(b.length).put((byte) (realtime ? 1 : 0)).put(b).array();
  }

  /**
   * Reads the next frame and asserts it is the broker's announcement {@code {"s": subject,
   * "d": data, "t": u64}} on {@code topic} (docs/protocol.md §5.6), {@code d} absent when {@code
   * data} is null, with {@code t} a wall-clock time in nanoseconds no earlier than {@code since}.
   */
  public void expectAnnouncement(String topic, String subject, String data, Instant since) {
    byte[] frame = raw.readFrameSkippingNops();
    ByteArrayOutputStream map = new ByteArrayOutputStream();
    map.write(data == null ? 0x82 : 0x83);
    fixstr(map, "s");
    fixstr(map, subject);
    if (data != null) {
      fixstr(map, "d");
      fixstr(map, data);
    }
    fixstr(map, "t");
    map.write(0xCF);
    byte[] head = publication(".broker", topic, map.toByteArray());
    // the expected frame lacks the 8 time bytes; its length field must count them
    ByteBuffer.wrap(head, 1, 4).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(head.length - 6 + Long.BYTES);
    assertEquals(head.length + Long.BYTES, frame.length, name + ": " + RawClient.hex(frame));
    assertEquals(RawClient.hex(head), RawClient.hex(Arrays.copyOf(frame, head.length)), name);
    long t = ByteBuffer.wrap(frame, head.length, 8).getLong();
    long from = since.getEpochSecond() * 1_000_000_000L + since.getNano();
    Instant now = Instant.now();
    long to = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    if (t < from - 1_000_000_000L || t > to + 1_000_000_000L) {
      throw new AssertionError("announcement time " + t + " ns is not around now (" + to + ")");
    }
  }

  private static void fixstr(ByteArrayOutputStream out, String s) {
    byte[] b = bytes(s);
    if (b.length > 31) {
      throw new IllegalArgumentException("test names must fit a MessagePack fixstr: " + s);
    }
    out.write(0xA0 | b.length);
    out.writeBytes(b);
  }
}

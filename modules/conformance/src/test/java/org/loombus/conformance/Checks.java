package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Expected frames and assertions shared by the conformance tests. Expected bytes are built here by
 * hand from docs/protocol.md §2.5, not with the broker's own encoder, so a test never trusts what
 * it checks.
 */
final class Checks {
  /** The broker's keep-alive frame. */
  static final byte[] NOP = new byte[6];
  /**
   * T for brokers whose tests do not wait on T: long enough that no client needs to ping however
   * slowly a loaded machine runs the test.
   */
  static final Duration LONG_T = Duration.ofSeconds(5);
  /** Generous wait for something the broker must do promptly. */
  static final Duration WAIT = RawClient.WAIT;

  private static final AtomicInteger PROBES = new AtomicInteger();

  private Checks() {}

  static byte[] hex(String text) {
    return RawClient.hex(text);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @return {@code kind len rt sender 00 [topic 00] payload}; topic only for kind 01
   */
  static byte[] delivered(int kind, boolean realtime, String sender, String topic, byte[] payload) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(utf8(sender));
    body.write(0);
    if (topic != null) {
      body.writeBytes(utf8(topic));
      body.write(0);
    }
    body.writeBytes(payload);
    ByteBuffer b = ByteBuffer.allocate(6 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) kind).putInt(body.size()).put((byte) (realtime ? 1 : 0)).put(body.toByteArray());
    return b.array();
  }

  /** @return {@code FE id code} */
  static byte[] ack(int id, int code) {
    return ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) 0xFE).putInt(id).put((byte) code).array();
  }

  /** Compares as hex so a failure shows both frames readably. */
  static void assertBytes(byte[] expected, byte[] actual) {
    assertEquals(RawClient.hex(expected), RawClient.hex(actual));
  }

  /** @return the next frame that is not a NOP, which must arrive within {@code timeout} */
  static byte[] nextFrame(RawClient c, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      byte[] f = c.readFrame(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (!(f.length == 6 && f[0] == 0)) {
        return f;
      }
    }
  }

  /** Asserts that the bytes are nothing but whole keep-alive NOPs (possibly none). */
  static void assertOnlyNops(byte[] received) {
    if (received.length % 6 != 0) {
      fail("expected only NOP frames, got " + RawClient.hex(received));
    }
    for (byte b : received) {
      if (b != 0) {
        fail("expected only NOP frames, got " + RawClient.hex(received));
      }
    }
  }

  /** Asserts that the broker closes the connection promptly without sending anything but NOPs. */
  static void assertClosedWithoutReply(RawClient c) {
    assertOnlyNops(c.readUntilClosed(WAIT));
  }

  /**
   * Sends a QoS-1 message from {@code c} to itself and asserts the exact delivery and ACK, which
   * proves the connection is registered under {@code name} and its framing is intact.
   */
  static void assertSelfMessage(RawClient c, String name, int id) {
    byte[] payload = utf8("self-check");
    c.send(id, 0x52, name, payload);
    assertBytes(delivered(0x12, false, name, null, payload), c.readFrameSkippingNops());
    assertBytes(ack(id, 0x01), c.readFrameSkippingNops());
  }

  /** Asserts that a fresh client can still register (over TCP) and exchange frames. */
  static void assertServing(TestBroker broker) {
    String name = "probe." + PROBES.incrementAndGet();
    try (RawClient probe = broker.registerTcp(name)) {
      assertSelfMessage(probe, name, 1);
    }
  }

  /** Polls until {@code condition} holds. */
  static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      sleep(Duration.ofMillis(10));
    }
  }

  /**
   * Writes the bytes one at a time with a pause before each, stopping when the broker has closed
   * the connection.
   *
   * @return whether every byte was written
   */
  static boolean trickle(RawClient c, byte[] bytes, Duration gap) {
    for (byte b : bytes) {
      sleep(gap);
      try {
        c.write(new byte[] {b});
      } catch (UncheckedIOException closedByBroker) {
        return false;
      }
    }
    return true;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** @return the 9-byte client frame header {@code id flags len} */
  static byte[] header(int id, int flags, int len) {
    return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(id).put((byte) flags).putInt(len).array();
  }
}

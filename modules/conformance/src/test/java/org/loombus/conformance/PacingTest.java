package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.ack;
import static org.loombus.conformance.Checks.delivered;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.protocol.wire.Ops;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Receivers that read slowly, but read, pace what is sent to them (docs/robustness.md): a stall
 * is a client taking no bytes for the stall time, not a full queue, and the broker's own
 * announcements wait for a slow monitor instead of disconnecting it.
 */
class PacingTest {
  /** As loombusd's default T: a socket's wake-ups come only after much of its buffer drained. */
  private static final Duration T = Duration.ofSeconds(5);

  @Test
  @DisplayName("a QoS-1 sender to a reader taking 500 frames a second: every frame acknowledged"
      + " 01 is delivered, in order, and nobody is disconnected")
  void slowReaderGetsEveryAcknowledgedFrame() throws InterruptedException {
    int frames = 2_500;
    try (TestBroker broker = TestBroker.start(b -> b.timeout(T));
        RawClient sender = broker.registerUnix("qos1.sender");
        RawClient reader = broker.registerUnix("slow.reader")) {
      AtomicInteger acked = new AtomicInteger();
      Thread acks = Thread.ofVirtual().start(() -> {
        for (int i = 1; i <= frames; i++) {
          assertArrayEquals(ack(i, 0x01), sender.readFrameSkippingNops(), "ACK " + i);
          acked.incrementAndGet();
        }
      });
      Thread sending = Thread.ofVirtual().start(() -> {
        for (int i = 1; i <= frames; i++) {
          sender.send(i, 0x52, "slow.reader", payload(i)); // pipelined, as busrt's client does
        }
      });
      long start = System.nanoTime();
      for (int i = 1; i <= frames; i++) {
        long due = start + i * 2_000_000L; // 500 frames a second
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        assertArrayEquals(delivered(Ops.MESSAGE, false, "qos1.sender", null, payload(i)),
            reader.readFrameSkippingNops(), "frame " + i);
      }
      sending.join(RawClient.WAIT);
      acks.join(RawClient.WAIT);
      assertEquals(frames, acked.get());
      assertTrue(broker.handle().connection("slow.reader").isPresent());
      assertEquals(0, broker.handle().statistics().forcedDisconnects());
    }
  }

  @Test
  @DisplayName("a .broker/info monitor reading 1,000 frames a second through 2,000 connect/close"
      + " cycles stays connected and keeps receiving reg and unreg")
  void slowMonitorPacesAnnouncements() throws InterruptedException {
    try (TestBroker broker = TestBroker.start(b -> b.queueSize(64).timeout(T));
        RawClient monitor = broker.registerUnix("monitor")) {
      monitor.send(1, 0x42, ".broker/info");
      assertArrayEquals(ack(1, 0x01), monitor.readFrameSkippingNops());
      Thread churn = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 2_000; i++) {
          broker.registerUnix("churn." + (i % 50)).close();
        }
      });
      int events = 0;
      while (churn.isAlive() || events < 100) {
        byte[] f = monitor.readFrame(Duration.ofSeconds(10));
        String text = new String(f, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(".broker/info"), RawClient.hex(f));
        events++;
        Thread.sleep(1);
      }
      churn.join();
      assertTrue(broker.handle().connection("monitor").isPresent(), "the monitor was dropped");
      assertEquals(0, broker.handle().statistics().forcedDisconnects());
    }
  }

  /** 100 bytes marked with their number. */
  private static byte[] payload(int n) {
    byte[] b = new byte[100];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (n >>> (8 * i));
    }
    return b;
  }
}

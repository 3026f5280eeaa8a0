package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.ack;
import static org.loombus.conformance.Checks.assertBytes;
import static org.loombus.conformance.Checks.delivered;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.protocol.wire.Ops;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Beyond the reference (README, "where Loombus deliberately differs"): a receiver that reads, but
 * more slowly than its sender writes, paces the sender instead of being dropped when its queue is
 * full; one that has stopped reading is still dropped (C72–C74).
 */
class SlowReceiverTest {
  private static final int FRAMES = 150;

  @Test
  @DisplayName("a receiver slower than its sender gets every frame in order and stays connected; "
      + "the sender is held back, its ACKs are 01")
  void slowReaderPacesItsSender() throws InterruptedException {
    try (TestBroker broker = TestBroker.start(b -> b.queueSize(4).timeout(Duration.ofSeconds(2)));
        RawClient sender = broker.registerUnix("fast");
        RawClient receiver = broker.registerUnix("slow")) {
      Thread sending = Thread.ofVirtual().start(() -> {
        for (int i = 1; i <= FRAMES; i++) {
          sender.send(i, 0x12, "slow", payload(i)); // QoS 0: nothing to wait for
        }
        sender.send(FRAMES + 1, 0x52, "slow", payload(FRAMES + 1));
      });
      for (int i = 1; i <= FRAMES + 1; i++) {
        Checks.sleep(Duration.ofMillis(3)); // a reader slower than the sender
        assertArrayEquals(delivered(Ops.MESSAGE, false, "fast", null, payload(i)),
            receiver.readFrameSkippingNops(), "frame " + i);
      }
      assertBytes(ack(FRAMES + 1, 0x01), sender.readFrameSkippingNops());
      sending.join(RawClient.WAIT);
      assertTrue(!sending.isAlive(), "the sender is still blocked");
      assertTrue(broker.handle().connection("slow").isPresent(), "the slow reader was dropped");
      assertEquals(0, broker.handle().statistics().forcedDisconnects());
    }
  }

  /** 16 KiB marked with its number, so that four of them fill the socket buffers quickly. */
  private static byte[] payload(int n) {
    byte[] b = new byte[16 * 1024];
    Arrays.fill(b, (byte) n);
    return b;
  }
}

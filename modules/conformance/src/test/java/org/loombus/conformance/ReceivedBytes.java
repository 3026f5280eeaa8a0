package org.loombus.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.loombus.testkit.RawClient;

/**
 * What a WebSocket client under test received in binary messages, as the one byte stream BUS/RT
 * makes of them, read by the test in exact counts; message boundaries are dropped on arrival.
 */
final class ReceivedBytes {
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int consumed;
  private boolean ended;

  /** Appends one message's bytes (from the client's own thread). */
  synchronized void add(byte[] bytes) {
    received.writeBytes(bytes);
    notifyAll();
  }

  /** The connection ended: reads beyond what arrived fail at once. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** @return the next {@code n} bytes, waiting up to {@link RawClient#WAIT} */
  synchronized byte[] read(int n) {
    long end = System.nanoTime() + RawClient.WAIT.toNanos();
    while (received.size() - consumed < n) {
      long left = end - System.nanoTime();
      if (left <= 0 || ended) {
        throw new AssertionError("expected " + n + " bytes, have " + (received.size() - consumed)
            + (ended ? " and the connection ended" : ""));
      }
      try {
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    byte[] out = Arrays.copyOfRange(received.toByteArray(), consumed, consumed + n);
    consumed += n;
    return out;
  }

  /** @return the next broker frame, keep-alive NOPs skipped (docs/protocol.md §2.5) */
  byte[] readFrameSkippingNops() {
    while (true) {
      byte[] head = read(6);
      if (head[0] == 0) {
        continue;
      }
      if ((head[0] & 0xFF) == 0xFE) {
        return head;
      }
      int len = (head[1] & 0xFF) | (head[2] & 0xFF) << 8 | (head[3] & 0xFF) << 16
          | (head[4] & 0xFF) << 24;
      return WebSocketTransportTest.concat(head, read(len));
    }
  }
}

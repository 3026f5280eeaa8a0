package org.loombus.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PendingHandshakesTest {
  @Test
  @DisplayName("A peer gets its share, all peers together the total, and a refusal keeps no count")
  void sharesAndTotal() {
    PendingHandshakes pending = new PendingHandshakes(3, 2);
    assertNull(pending.enter("user a"));
    assertNull(pending.enter("user a"));
    assertEquals("2 connections of user a are in their handshake", pending.enter("user a"));
    assertNull(pending.enter("user b"));
    assertEquals("3 connections are in their handshake", pending.enter("user c"));
    assertEquals(3, pending.inProgress());
    pending.leave("user a");
    assertNull(pending.enter("user a"));
    pending.leave("user a");
    pending.leave("user a");
    pending.leave("user b");
    assertEquals(0, pending.inProgress());
    assertEquals(0, pending.peers());
  }

  @Test
  @DisplayName("Handshakes of one peer starting and ending on many threads at once leave no count behind")
  void concurrentChurnLeavesNothing() throws InterruptedException {
    PendingHandshakes pending = new PendingHandshakes(1024, 256);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          for (int i = 0; i < 200_000; i++) {
            String refusal = pending.enter("user root");
            if (refusal != null) {
              throw new AssertionError("refused with 4 in progress at most: " + refusal);
            }
            pending.leave("user root");
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), List.copyOf(failures));
    assertEquals(0, pending.inProgress());
    assertEquals(0, pending.peers());
    assertNull(pending.enter("user root"));
  }
}

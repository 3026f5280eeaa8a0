package org.loombus.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusyPollTest {
  /** Asks until the policy says yes; returns how many asks that took. */
  private static int asksUntilTried(BusyPoll p) {
    int asks = 1;
    while (!p.worthTrying()) {
      asks++;
    }
    return asks;
  }

  @Test
  @DisplayName("a fresh reactor polls, and goes on polling while most rounds find something")
  void pollsWhileItPays() {
    BusyPoll p = new BusyPoll();
    for (int i = 0; i < 1000; i++) {
      assertTrue(p.worthTrying(), "round " + i);
      p.record(i % 3 == 0); // one hit in three rounds keeps the credit
    }
  }

  @Test
  @DisplayName("after 16 empty rounds polling stops, and is probed every 32nd chance")
  void stopsWhenItDoesNotPay() {
    BusyPoll p = new BusyPoll();
    for (int i = 0; i < 16; i++) {
      assertTrue(p.worthTrying());
      p.record(false);
    }
    assertEquals(32, asksUntilTried(p));
    p.record(false);
    assertEquals(32, asksUntilTried(p));
  }

  @Test
  @DisplayName("a probe that finds something earns two more rounds")
  void probeHitResumes() {
    BusyPoll p = new BusyPoll();
    for (int i = 0; i < 16; i++) {
      p.worthTrying();
      p.record(false);
    }
    assertEquals(32, asksUntilTried(p));
    p.record(true);
    assertTrue(p.worthTrying());
    p.record(false);
    assertTrue(p.worthTrying());
    p.record(false);
    assertFalse(p.worthTrying());
  }
}

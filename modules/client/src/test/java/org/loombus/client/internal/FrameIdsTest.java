package org.loombus.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FrameIdsTest {
  @Test
  @DisplayName("ids start at 1 and count up")
  void startsAtOne() {
    FrameIds ids = new FrameIds();
    assertEquals(1, ids.next());
    assertEquals(2, ids.next());
    assertEquals(3, ids.next());
  }

  @Test
  @DisplayName("after 0xFFFFFFFF the next id is 1, never 0")
  void wrapsToOne() {
    FrameIds ids = new FrameIds(0xFFFF_FFFE);
    assertEquals(0xFFFF_FFFF, ids.next());
    assertEquals(1, ids.next());
    assertEquals(2, ids.next());
  }
}

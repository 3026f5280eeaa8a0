package org.loombus.client.internal;

/**
 * Frame ids as every shipped client allocates them (docs/protocol.md §2.7): 1, 2, 3 … wrapping from
 * {@code 0xFFFFFFFF} back to 1, so 0 stays reserved for pings. Not thread-safe: the client calls
 * it under its write lock, which also keeps ids in the order frames are written.
 */
final class FrameIds {
  private int last;

  FrameIds() {
    this(0);
  }

  /** @param last the id handed out before the first call (as an unsigned u32) */
  FrameIds(int last) {
    this.last = last;
  }

  /** @return the next id, never 0 */
  int next() {
    int id = last + 1;
    if (id == 0) {
      id = 1;
    }
    last = id;
    return id;
  }
}

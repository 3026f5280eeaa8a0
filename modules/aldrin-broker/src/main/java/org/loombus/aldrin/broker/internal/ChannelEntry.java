package org.loombus.aldrin.broker.internal;

import org.loombus.aldrin.protocol.ChannelEnd;

/**
 * One channel: each end unclaimed, claimed (with its owner and credit) or closed. The receiver
 * grants capacity; the sender's credit is topped up to the receiver's when it falls to {@value
 * #LOW_CAPACITY} or below.
 */
final class ChannelEntry {
  static final int LOW_CAPACITY = 4;

  enum State { UNCLAIMED, CLAIMED, CLOSED }

  /** One end of the channel. */
  static final class End {
    State state = State.UNCLAIMED;
    ClientState owner;
    /** Unsigned u32. */
    int capacity;

    void claim(ClientState c, int cap) {
      state = State.CLAIMED;
      owner = c;
      capacity = cap;
    }
  }

  final End sender = new End();
  final End receiver = new End();

  End end(ChannelEnd e) {
    return e == ChannelEnd.SENDER ? sender : receiver;
  }

  End other(ChannelEnd e) {
    return e == ChannelEnd.SENDER ? receiver : sender;
  }

  /**
   * Closes an end.
   *
   * @return the other end's owner to tell, or null if the channel is gone with it
   */
  ClientState close(ChannelEnd e) {
    End mine = end(e);
    End other = other(e);
    State was = mine.state;
    mine.state = State.CLOSED;
    mine.owner = null;
    if (other.state == State.CLAIMED) {
      return other.owner;
    }
    // A claimed end closing while the other is unclaimed or closed takes the channel with it;
    // an unclaimed end can only be closed while the other is claimed.
    assert was == State.CLAIMED;
    return null;
  }
}

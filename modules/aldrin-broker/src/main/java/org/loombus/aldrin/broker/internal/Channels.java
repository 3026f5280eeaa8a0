package org.loombus.aldrin.broker.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.loombus.aldrin.broker.internal.ChannelEntry.End;
import org.loombus.aldrin.broker.internal.ChannelEntry.State;
import org.loombus.aldrin.protocol.AddChannelCapacity;
import org.loombus.aldrin.protocol.ChannelEnd;
import org.loombus.aldrin.protocol.ChannelEndClaimed;
import org.loombus.aldrin.protocol.ChannelEndClosed;
import org.loombus.aldrin.protocol.ChannelEndWithCapacity;
import org.loombus.aldrin.protocol.ClaimChannelEnd;
import org.loombus.aldrin.protocol.ClaimChannelEndReply;
import org.loombus.aldrin.protocol.CloseChannelEnd;
import org.loombus.aldrin.protocol.CloseChannelEndReply;
import org.loombus.aldrin.protocol.CreateChannel;
import org.loombus.aldrin.protocol.CreateChannelReply;
import org.loombus.aldrin.protocol.ItemReceived;
import org.loombus.aldrin.protocol.SendItem;

/**
 * Channels: creation with one end claimed, claiming the other, closing ends, items and the
 * receiver-granted credit. Runs under the {@link Router}'s lock.
 */
final class Channels {
  private final Router router;
  private final Map<UUID, ChannelEntry> channels = new LinkedHashMap<>();

  Channels(Router router) {
    this.router = router;
  }

  int size() {
    return channels.size();
  }

  void create(ClientState c, CreateChannel m) {
    UUID cookie = UUID.randomUUID();
    ChannelEntry ch = new ChannelEntry();
    if (m.end() instanceof ChannelEndWithCapacity.Receiver r) {
      ch.receiver.claim(c, r.capacity());
      c.receivers.add(cookie);
    } else {
      ch.sender.claim(c, 0);
      c.senders.add(cookie);
    }
    channels.put(cookie, ch);
    router.send(c, new CreateChannelReply(m.serial(), cookie));
  }

  void close(ClientState c, CloseChannelEnd m) {
    ChannelEntry ch = channels.get(m.cookie());
    if (ch == null) {
      router.send(c, new CloseChannelEndReply(m.serial(),
          CloseChannelEndReply.Result.INVALID_CHANNEL));
      return;
    }
    End end = ch.end(m.end());
    CloseChannelEndReply.Result result;
    boolean claimed;
    switch (end.state) {
      case UNCLAIMED -> {
        result = CloseChannelEndReply.Result.OK;
        claimed = false;
      }
      case CLAIMED -> {
        result = end.owner == c ? CloseChannelEndReply.Result.OK
            : CloseChannelEndReply.Result.FOREIGN_CHANNEL;
        claimed = true;
      }
      default -> {
        result = CloseChannelEndReply.Result.INVALID_CHANNEL;
        claimed = false;
      }
    }
    if (!router.send(c, new CloseChannelEndReply(m.serial(), result))) {
      return;
    }
    if (result == CloseChannelEndReply.Result.OK) {
      removeEnd(m.cookie(), m.end(), claimed ? c : null);
    }
  }

  void claim(ClientState c, ClaimChannelEnd m) {
    ChannelEntry ch = channels.get(m.cookie());
    if (ch == null) {
      router.send(c, new ClaimChannelEndReply(m.serial(),
          new ClaimChannelEndReply.Result.InvalidChannel()));
      return;
    }
    boolean sender = m.end() instanceof ChannelEndWithCapacity.Sender;
    End mine = sender ? ch.sender : ch.receiver;
    End other = sender ? ch.receiver : ch.sender;
    if (mine.state != State.UNCLAIMED) {
      router.send(c, new ClaimChannelEndReply(m.serial(), mine.state == State.CLAIMED
          ? new ClaimChannelEndReply.Result.AlreadyClaimed()
          : new ClaimChannelEndReply.Result.InvalidChannel()));
      return;
    }
    ClaimChannelEndReply.Result result;
    if (sender) {
      // The sender starts with the credit the receiver granted.
      mine.claim(c, other.capacity);
      c.senders.add(m.cookie());
      result = new ClaimChannelEndReply.Result.SenderClaimed(other.capacity);
    } else {
      int capacity = ((ChannelEndWithCapacity.Receiver) m.end()).capacity();
      mine.claim(c, capacity);
      other.capacity = capacity;
      c.receivers.add(m.cookie());
      result = new ClaimChannelEndReply.Result.ReceiverClaimed();
    }
    router.send(c, new ClaimChannelEndReply(m.serial(), result));
    router.send(other.owner, new ChannelEndClaimed(m.cookie(), m.end()));
  }

  void addCapacity(ClientState c, AddChannelCapacity m) {
    ChannelEntry ch = channels.get(m.cookie());
    if (ch == null || m.capacity() == 0) {
      return;
    }
    End receiver = ch.receiver;
    if (receiver.state != State.CLAIMED || receiver.owner != c) {
      return;
    }
    long sum = Integer.toUnsignedLong(receiver.capacity) + Integer.toUnsignedLong(m.capacity());
    if (sum > 0xFFFF_FFFFL) {
      removeEnd(m.cookie(), ChannelEnd.RECEIVER, c);
      return;
    }
    receiver.capacity = (int) sum;
    End sender = ch.sender;
    if (sender.state == State.CLAIMED && Integer.compareUnsigned(sender.capacity,
        ChannelEntry.LOW_CAPACITY) <= 0) {
      int diff = receiver.capacity - sender.capacity;
      sender.capacity = receiver.capacity;
      router.send(sender.owner, new AddChannelCapacity(m.cookie(), diff));
    }
  }

  void sendItem(ClientState c, SendItem m) {
    ChannelEntry ch = channels.get(m.cookie());
    if (ch == null) {
      return;
    }
    End sender = ch.sender;
    if (sender.state != State.CLAIMED || sender.owner != c) {
      return;
    }
    End receiver = ch.receiver;
    if (receiver.state == State.UNCLAIMED) {
      // Close the receiver first: closing the sender first would take the whole channel, and the
      // sender would never hear that the receiver is gone.
      removeEnd(m.cookie(), ChannelEnd.RECEIVER, null);
      removeEnd(m.cookie(), ChannelEnd.SENDER, c);
      return;
    }
    if (receiver.state == State.CLOSED) {
      return;
    }
    if (sender.capacity == 0) {
      removeEnd(m.cookie(), ChannelEnd.SENDER, c);
      return;
    }
    sender.capacity--;
    receiver.capacity--;
    int topUp = 0;
    if (Integer.compareUnsigned(sender.capacity, ChannelEntry.LOW_CAPACITY) <= 0
        && Integer.compareUnsigned(receiver.capacity, sender.capacity) > 0) {
      topUp = receiver.capacity - sender.capacity;
      sender.capacity = receiver.capacity;
    }
    router.send(receiver.owner, new ItemReceived(m.cookie(), m.value()));
    if (topUp != 0) {
      router.send(c, new AddChannelCapacity(m.cookie(), topUp));
    }
  }

  /**
   * Closes one end, tells the other end's owner if it has one, and forgets the channel once
   * neither end is claimed.
   *
   * @param owner the end's owner if it was claimed, else null
   */
  void removeEnd(UUID cookie, ChannelEnd which, ClientState owner) {
    ChannelEntry ch = channels.get(cookie);
    if (ch == null) {
      return;
    }
    if (owner != null) {
      (which == ChannelEnd.SENDER ? owner.senders : owner.receivers).remove(cookie);
    }
    ClientState other = ch.close(which);
    if (other != null && other.active) {
      router.send(other, new ChannelEndClosed(cookie, which));
    } else {
      channels.remove(cookie);
    }
  }
}

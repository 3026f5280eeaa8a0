package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.aldrin.broker.TestClient.value;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AddChannelCapacity;
import org.loombus.aldrin.protocol.AldrinValue;
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
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.SendItem;

/** Channels: claims, items, the receiver's credit and its top-ups, closing ends. */
class ChannelsTest {
  private static UUID create(TestClient c, ChannelEndWithCapacity end) throws Exception {
    int serial = c.serial();
    c.send(new CreateChannel(serial, end));
    CreateChannelReply r = c.receive(CreateChannelReply.class);
    assertEquals(serial, r.serial());
    return r.cookie();
  }

  @Test
  void itemsFlowWithinTheReceiversCreditAndTheSenderIsToppedUp() throws Exception {
    try (TestBus bus = new TestBus(); TestClient rx = bus.client(20);
        TestClient tx = bus.client(20)) {
      UUID ch = create(rx, new ChannelEndWithCapacity.Receiver(16));
      tx.send(new ClaimChannelEnd(1, ch, new ChannelEndWithCapacity.Sender()));
      tx.expect(new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.SenderClaimed(16)));
      rx.expect(new ChannelEndClaimed(ch, new ChannelEndWithCapacity.Sender()));
      tx.send(new ClaimChannelEnd(2, ch, new ChannelEndWithCapacity.Sender()));
      tx.expect(new ClaimChannelEndReply(2, new ClaimChannelEndReply.Result.AlreadyClaimed()));
      tx.send(new ClaimChannelEnd(3, UUID.randomUUID(), new ChannelEndWithCapacity.Sender()));
      tx.expect(new ClaimChannelEndReply(3, new ClaimChannelEndReply.Result.InvalidChannel()));
      for (int i = 0; i < 12; i++) {
        RawValue v = value(new AldrinValue.U32(i));
        tx.send(new SendItem(ch, v));
        rx.expect(new ItemReceived(ch, v));
      }
      // 4 credits left on both sides: no top-up until the receiver grants more
      tx.sync();
      rx.send(new AddChannelCapacity(ch, 10));
      tx.expect(new AddChannelCapacity(ch, 10));
      // not the receiver: ignored
      tx.send(new AddChannelCapacity(ch, 10));
      rx.sync();
      tx.sync();
    }
  }

  @Test
  void aSenderWithoutCreditIsClosed() throws Exception {
    try (TestBus bus = new TestBus(); TestClient tx = bus.client(20);
        TestClient rx = bus.client(20)) {
      UUID ch = create(tx, new ChannelEndWithCapacity.Sender());
      rx.send(new ClaimChannelEnd(1, ch, new ChannelEndWithCapacity.Receiver(2)));
      rx.expect(new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.ReceiverClaimed()));
      tx.expect(new ChannelEndClaimed(ch, new ChannelEndWithCapacity.Receiver(2)));
      for (int i = 0; i < 3; i++) {
        tx.send(new SendItem(ch, RawValue.NONE));
      }
      rx.expect(new ItemReceived(ch, RawValue.NONE));
      rx.expect(new ItemReceived(ch, RawValue.NONE));
      rx.expect(new ChannelEndClosed(ch, ChannelEnd.SENDER));
      tx.sync();
      rx.send(new CloseChannelEnd(2, ch, ChannelEnd.RECEIVER));
      rx.expect(new CloseChannelEndReply(2, CloseChannelEndReply.Result.OK));
      assertEquals(0, bus.broker.takeStatistics().channels());
    }
  }

  @Test
  void sendingToAnUnclaimedReceiverClosesBothEnds() throws Exception {
    try (TestBus bus = new TestBus(); TestClient tx = bus.client(20)) {
      UUID ch = create(tx, new ChannelEndWithCapacity.Sender());
      tx.send(new SendItem(ch, RawValue.NONE));
      tx.expect(new ChannelEndClosed(ch, ChannelEnd.RECEIVER));
      tx.send(new CloseChannelEnd(1, ch, ChannelEnd.SENDER));
      tx.expect(new CloseChannelEndReply(1, CloseChannelEndReply.Result.INVALID_CHANNEL));
    }
  }

  @Test
  void closingAnEndTellsTheOtherOwnerAndForeignClosesAreRefused() throws Exception {
    try (TestBus bus = new TestBus(); TestClient rx = bus.client(20);
        TestClient tx = bus.client(20)) {
      UUID ch = create(rx, new ChannelEndWithCapacity.Receiver(1));
      tx.send(new ClaimChannelEnd(1, ch, new ChannelEndWithCapacity.Sender()));
      tx.expect(new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.SenderClaimed(1)));
      rx.expect(new ChannelEndClaimed(ch, new ChannelEndWithCapacity.Sender()));
      tx.send(new CloseChannelEnd(2, ch, ChannelEnd.RECEIVER));
      tx.expect(new CloseChannelEndReply(2, CloseChannelEndReply.Result.FOREIGN_CHANNEL));
      rx.send(new CloseChannelEnd(3, ch, ChannelEnd.RECEIVER));
      rx.expect(new CloseChannelEndReply(3, CloseChannelEndReply.Result.OK));
      tx.expect(new ChannelEndClosed(ch, ChannelEnd.RECEIVER));
      rx.send(new CloseChannelEnd(4, ch, ChannelEnd.RECEIVER));
      rx.expect(new CloseChannelEndReply(4, CloseChannelEndReply.Result.INVALID_CHANNEL));
      assertEquals(1, bus.broker.takeStatistics().channels());
      tx.send(new CloseChannelEnd(5, ch, ChannelEnd.SENDER));
      tx.expect(new CloseChannelEndReply(5, CloseChannelEndReply.Result.OK));
      rx.sync();
      assertEquals(0, bus.broker.takeStatistics().channels());
    }
  }

  @Test
  void aDisconnectClosesTheClientsEnds() throws Exception {
    try (TestBus bus = new TestBus(); TestClient tx = bus.client(14)) {
      UUID ch = create(tx, new ChannelEndWithCapacity.Sender());
      try (TestClient rx = bus.client(20)) {
        rx.send(new ClaimChannelEnd(1, ch, new ChannelEndWithCapacity.Receiver(5)));
        rx.expect(new ClaimChannelEndReply(1,
            new ClaimChannelEndReply.Result.ReceiverClaimed()));
        tx.expect(new ChannelEndClaimed(ch, new ChannelEndWithCapacity.Receiver(5)));
        rx.shutdown();
      }
      tx.expect(new ChannelEndClosed(ch, ChannelEnd.RECEIVER));
      tx.sync();
    }
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * The broker's answer to {@link ClaimChannelEnd}. Wire, after the kind byte: serial (u32 varint),
 * the result byte, then for a claimed sender the receiver's capacity as a u32 varint.
 *
 * @param serial the request's serial
 * @param result the outcome
 */
public record ClaimChannelEndReply(int serial, Result result) implements AldrinMessage {
  /** The outcome. */
  public sealed interface Result {
    /**
     * 0: the sender end is now the client's.
     *
     * @param capacity items the receiver accepts for now
     */
    record SenderClaimed(int capacity) implements Result {}

    /** 1: the receiver end is now the client's. */
    record ReceiverClaimed() implements Result {}

    /** 2: no such channel, or that end is closed. */
    record InvalidChannel() implements Result {}

    /** 3: that end has been claimed already. */
    record AlreadyClaimed() implements Result {}

    /** @return the wire byte */
    default int code() {
      return switch (this) {
        case SenderClaimed s -> 0;
        case ReceiverClaimed r -> 1;
        case InvalidChannel i -> 2;
        case AlreadyClaimed a -> 3;
      };
    }
  }

  /** Rejects null. */
  public ClaimChannelEndReply {
    Objects.requireNonNull(result, "result");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CLAIM_CHANNEL_END_REPLY;
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.u8(result.code());
    if (result instanceof Result.SenderClaimed s) {
      out.varU32(s.capacity());
    }
  }

  static ClaimChannelEndReply read(ByteSource in) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    Result result =
        switch (Fields.tag(in, "result", 4)) {
          case 0 -> new Result.SenderClaimed(in.varU32("capacity"));
          case 1 -> new Result.ReceiverClaimed();
          case 2 -> new Result.InvalidChannel();
          default -> new Result.AlreadyClaimed();
        };
    return new ClaimChannelEndReply(serial, result);
  }
}

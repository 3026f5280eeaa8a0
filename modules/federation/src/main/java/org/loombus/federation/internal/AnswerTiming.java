package org.loombus.federation.internal;

import org.loombus.protocol.ResultCode;
import org.loombus.rpc.RpcPayload;

/**
 * Which answers to acknowledged messages from another node may wait for the next record going
 * back to that node ({@link Outbound#answerLater}), so that the two cross in one NATS message.
 *
 * <p>Those where a record for the sender's node is likely to follow within microseconds: a
 * delivered RPC request that asks for a reply (its handler answers), and a delivered RPC reply or
 * error (its caller usually calls again). A cross-node RPC call is then two NATS messages, as
 * NATS's own request/reply, instead of four. Real-time frames too: the frame itself is published
 * at once, and the reply, which is what the caller waits for, takes the answer along. A refusal
 * (the receiver is gone, its queue full) is answered at once: the sender acts on it. So is
 * everything that is not RPC: its sender may wait for the answer before it sends again, and
 * nothing is likely to follow it.
 */
final class AnswerTiming {
  private AnswerTiming() {}

  /**
   * @param payload the delivered frame's bytes
   * @param off where its payload starts
   * @param len payload length
   * @param code the answer
   * @return whether the answer may wait for a record going the same way
   */
  static boolean mayWait(byte[] payload, int off, int len, int code) {
    if (code != ResultCode.OK || len < 5) { // 5: an RPC head, type and call id
      return false;
    }
    return switch (payload[off]) {
      case RpcPayload.REQUEST -> (payload[off + 1] | payload[off + 2] | payload[off + 3]
          | payload[off + 4]) != 0; // id 0 is call0: no reply follows
      case RpcPayload.REPLY, RpcPayload.ERROR -> true;
      default -> false;
    };
  }
}

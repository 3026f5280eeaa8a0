package org.loombus.federation.internal;

import io.nats.client.Message;
import io.nats.client.MessageHandler;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.loombus.broker.RemoteDelivery;
import org.loombus.protocol.ResultCode;

/**
 * Frames from the other nodes into this one's clients, on the one thread of the data dispatcher,
 * so that what one node sent arrives here in the order it was sent. Direct messages, broadcasts,
 * publications and the answers to this node's acknowledged messages all come through here.
 *
 * <p>A publication matching several of this node's subscriptions arrives once per subscription:
 * the copies carry the same sequence number of their origin, and only the first is delivered. A
 * message that does not follow the format is dropped and counted, with one log line at most per
 * second.
 */
final class Inbound implements MessageHandler {
  private static final System.Logger LOG = System.getLogger("org.loombus.federation");
  /** Origins whose last publication sequence is kept; beyond it the table starts afresh. */
  private static final int MAX_ORIGINS = 4096;

  private record Origin(long boot, long seq) {}

  private final String self;
  private final String topicRoot;
  private final Subjects subjects;
  private final RemoteDelivery delivery;
  private final PendingAcks pending;
  private final Outbound out;
  private final Counters counters;
  private final long holdNanos;
  private final Map<String, Origin> lastPublication = new HashMap<>();
  private byte[] lastSender = new byte[0];
  private byte[] lastAddressBytes = new byte[0];
  private String lastAddress = "";
  private long lastComplaint;

  Inbound(String self, Subjects subjects, String prefix, RemoteDelivery delivery,
      PendingAcks pending, Outbound out, Counters counters, long holdNanos) {
    this.self = self;
    this.subjects = subjects;
    this.topicRoot = prefix + ".t.";
    this.delivery = delivery;
    this.pending = pending;
    this.out = out;
    this.counters = counters;
    this.holdNanos = holdNanos;
  }

  @Override
  public void onMessage(Message m) {
    byte[] data = m.getData();
    String subject = m.getSubject();
    try {
      records(data, subject.startsWith(topicRoot));
    } catch (Records.MalformedException e) {
      counters.errors.increment();
      long now = System.nanoTime();
      if (now - lastComplaint > 1_000_000_000L) {
        lastComplaint = now;
        LOG.log(Level.WARNING, "federation: dropped a malformed message on {0}: {1}", subject,
            e.getMessage());
      }
    }
  }

  private void records(byte[] data, boolean publication) throws Records.MalformedException {
    Records.Reader r = new Records.Reader(data);
    if (r.origin.equals(self)) {
      return; // never delivered again on the node that sent it
    }
    if (publication && isRepeat(r.origin, r.boot, r.seq)) {
      return;
    }
    while (r.next()) {
      if (r.kind == Records.ANSWER) {
        pending.complete(r.token, r.code);
        continue;
      }
      counters.framesIn.increment();
      byte[] sender = sender(r);
      int reached;
      switch (r.kind) {
        case Records.MESSAGE, Records.ACKED -> {
          int code = delivery.message(sender, address(r), data, r.payloadOff, r.payloadLen,
              r.realtime);
          reached = code == ResultCode.OK ? 1 : 0;
          if (r.kind == Records.ACKED && !answer(r, data, code)) {
            counters.errors.increment(); // the sender gets 78 when its wait ends
          }
        }
        case Records.BROADCAST -> reached = delivery.broadcast(sender, address(r), data,
            r.payloadOff, r.payloadLen, r.realtime);
        default -> reached = delivery.publish(sender, address(r),
            r.kind == Records.PUBLISH_FOR ? r.receiver() : null, data, r.addressOff,
            r.addressLen, r.payloadOff, r.payloadLen, r.realtime);
      }
      counters.remoteDeliveries.add(reached);
    }
  }

  /** Answers an acknowledged message, at once or with the next record for its node. */
  private boolean answer(Records.Reader r, byte[] data, int code) {
    String subject = subjects.messages(r.origin);
    return AnswerTiming.mayWait(data, r.payloadOff, r.payloadLen, code)
        ? out.answerLater(subject, r.token, code, holdNanos)
        : out.answer(subject, r.token, code, holdNanos);
  }

  /** @return whether this publication was delivered already, through another subscription */
  private boolean isRepeat(String origin, long boot, long seq) {
    Origin last = lastPublication.get(origin);
    if (last != null && last.boot == boot && seq <= last.seq) {
      return true;
    }
    if (lastPublication.size() >= MAX_ORIGINS) {
      lastPublication.clear();
    }
    lastPublication.put(origin, new Origin(boot, seq));
    return false;
  }

  /** Frames of one sender come in runs: its name is copied once per run. */
  private byte[] sender(Records.Reader r) {
    byte[] last = lastSender;
    if (last.length != r.senderLen
        || !Arrays.equals(r.data(), r.senderOff, r.senderOff + r.senderLen, last, 0, last.length)) {
      lastSender = last = r.sender();
    }
    return last;
  }

  private String address(Records.Reader r) {
    byte[] last = lastAddressBytes;
    if (last.length == r.addressLen && Arrays.equals(r.data(), r.addressOff,
        r.addressOff + r.addressLen, last, 0, last.length)) {
      return lastAddress;
    }
    lastAddressBytes = Arrays.copyOfRange(r.data(), r.addressOff, r.addressOff + r.addressLen);
    lastAddress = r.address();
    return lastAddress;
  }
}

package org.loombus.federation.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.loombus.broker.RemoteAck;
import org.loombus.protocol.ResultCode;

/**
 * ACKs of direct messages sent to other nodes, waiting for the result code the receiving node
 * answers under the message's token. Each is completed exactly once: by the answer, or with
 * {@code 78} once its deadline passes. Bounded: beyond {@link #capacity} messages wait at once,
 * new ones are refused.
 */
final class PendingAcks {
  private record Waiting(RemoteAck ack, String node, long deadline) {}

  private final ConcurrentHashMap<Long, Waiting> waiting = new ConcurrentHashMap<>();
  private final AtomicLong tokens = new AtomicLong();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  /** @param capacity most ACKs waiting at once */
  PendingAcks(int capacity) {
    this.capacity = capacity;
  }

  /**
   * @param ack what to complete
   * @param node the node that is to answer
   * @param deadline {@link System#nanoTime()} after which it completes with {@code 78}
   * @return its token, or -1 when {@link #capacity} are waiting already
   */
  long add(RemoteAck ack, String node, long deadline) {
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return -1;
    }
    long token = tokens.incrementAndGet();
    waiting.put(token, new Waiting(ack, node, deadline));
    return token;
  }

  /** Completes the ACK of {@code token} unless it was completed already. */
  void complete(long token, int code) {
    Waiting w = waiting.remove(token);
    if (w != null) {
      size.decrementAndGet();
      w.ack.complete(code);
    }
  }

  /** Forgets a token whose message was never sent, without completing its ACK. */
  void cancel(long token) {
    if (waiting.remove(token) != null) {
      size.decrementAndGet();
    }
  }

  /**
   * Completes with {@code 78} every ACK whose deadline has passed.
   *
   * @return how many
   */
  int expire(long now) {
    int n = 0;
    for (var e : waiting.entrySet()) {
      if (now - e.getValue().deadline >= 0 && waiting.remove(e.getKey(), e.getValue())) {
        size.decrementAndGet();
        e.getValue().ack.complete(ResultCode.TIMEOUT);
        n++;
      }
    }
    return n;
  }

  /** Completes with {@code 78} the ACKs {@code node} was to answer: it left, no answer comes. */
  void expireNode(String node) {
    for (var e : waiting.entrySet()) {
      if (e.getValue().node.equals(node) && waiting.remove(e.getKey(), e.getValue())) {
        size.decrementAndGet();
        e.getValue().ack.complete(ResultCode.TIMEOUT);
      }
    }
  }

  /**
   * Completes every waiting ACK with {@code code}: the link is gone, and whether their messages
   * arrived cannot be known (docs/federation.md#frames-in-flight).
   */
  void failAll(int code) {
    for (var e : waiting.entrySet()) {
      if (waiting.remove(e.getKey(), e.getValue())) {
        size.decrementAndGet();
        e.getValue().ack.complete(code);
      }
    }
  }
}

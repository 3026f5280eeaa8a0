package org.loombus.broker.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.loombus.protocol.Frames;
import org.loombus.protocol.Ops;
import org.loombus.protocol.ResultCode;

/**
 * Routes one operation from one client (spec §3): resolves the targets in the registry, builds the
 * delivered frame once, and offers that one array to every target's outbox. Used alike by socket
 * readers and in-process clients. The caller passes a scratch list it owns, so a lookup allocates
 * no list.
 *
 * <p>A socket target whose queue is full is dropped (spec §3.9) only once it has stopped reading
 * ({@link SocketSession#stalled}: a write to it blocked for T/4). Until then a socket sender (its
 * reader may wait) is held back, and goes on as soon as a write takes the target's queue. So a
 * receiver that is merely slower than its sender paces it instead of being disconnected (the
 * reference drops it at once, which makes its own benchmark fail), and nobody waits on a dead
 * receiver for long: it is dropped, with ACK {@code 77} for a direct message, a quarter of T
 * after its socket stopped taking bytes, before its write deadline of T would drop it anyway.
 */
final class Router {
  private final Registry registry;
  private final BrokerCore core;

  Router(Registry registry, BrokerCore core) {
    this.registry = registry;
    this.core = core;
  }

  /**
   * @param from sender
   * @param target exact target name
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param rt real-time
   * @param counted bytes counted for statistics (the sender's body length)
   * @return OK, {@code NOT_REGISTERED} or {@code NOT_DELIVERED}
   */
  int message(
      ClientEntry from, String target, byte[] src, int off, int len, boolean rt, long counted) {
    ClientEntry to = registry.find(target);
    if (to == null) {
      return ResultCode.NOT_REGISTERED;
    }
    byte[] frame = Frames.delivery(Ops.MESSAGE, from.nameBytes, src, off, len, rt);
    return deliver(from, to, frame, rt, counted);
  }

  int broadcast(
      ClientEntry from,
      String mask,
      byte[] src,
      int off,
      int len,
      boolean rt,
      long counted,
      List<ClientEntry> scratch) {
    registry.matchNames(mask, scratch);
    if (!scratch.isEmpty()) {
      byte[] frame = Frames.delivery(Ops.BROADCAST, from.nameBytes, src, off, len, rt);
      fanOut(from, scratch, frame, rt, counted);
    }
    return ResultCode.OK;
  }

  int publish(
      ClientEntry from,
      String topic,
      String receiver,
      byte[] src,
      int topicOff,
      int topicLen,
      int payloadOff,
      int payloadLen,
      boolean rt,
      long counted,
      List<ClientEntry> scratch) {
    registry.matchTopic(topic, receiver, scratch);
    if (!scratch.isEmpty()) {
      byte[] frame =
          Frames.publication(from.nameBytes, src, topicOff, topicLen, payloadOff, payloadLen, rt);
      fanOut(from, scratch, frame, rt, counted);
    }
    return ResultCode.OK;
  }

  private void fanOut(
      ClientEntry from, List<ClientEntry> targets, byte[] frame, boolean rt, long counted) {
    try {
      for (int i = 0, n = targets.size(); i < n; i++) {
        deliver(from, targets.get(i), frame, rt, counted);
      }
    } finally {
      targets.clear();
    }
  }

  /** Subscription-list operations (ops 02–05); always OK. */
  int subscription(ClientEntry from, int op, Collection<String> masks) {
    switch (op) {
      case Ops.SUBSCRIBE -> registry.subscribe(from, masks);
      case Ops.UNSUBSCRIBE -> registry.unsubscribe(from, masks);
      case Ops.EXCLUDE -> registry.exclude(from, masks);
      case Ops.UNEXCLUDE -> registry.unexclude(from, masks);
      default -> throw new IllegalArgumentException("not a subscription op: " + op);
    }
    return ResultCode.OK;
  }

  private int deliver(ClientEntry from, ClientEntry to, byte[] frame, boolean rt, long counted) {
    to.counters.written(counted);
    core.stats.written(counted);
    boolean heldBack = false;
    while (true) {
      switch (to.outbox.offer(frame, rt)) {
        case Outbox.QUEUED -> {
          return ResultCode.OK;
        }
        case Outbox.FULL -> {
          if (!holdBack(from, to)) {
            core.overflow(to);
            return ResultCode.NOT_DELIVERED;
          }
          heldBack = true;
        }
        default -> {
          core.stats.dropped();
          // dropped while this sender waited for its room: the frame was not delivered
          return heldBack ? ResultCode.NOT_DELIVERED : ResultCode.NOT_REGISTERED;
        }
      }
    }
  }

  /**
   * Holds a socket sender back until the full socket target has room.
   *
   * @return true to offer again; false if the target must be dropped (or the sender may not wait)
   */
  private boolean holdBack(ClientEntry from, ClientEntry to) {
    if (!(from.outbox instanceof SocketOutbox own) || !own.ownedByCurrentThread()
        || !(to.endpoint instanceof SocketSession target)
        || !(to.outbox instanceof SocketOutbox queue)) {
      return false; // only a socket client's own reader may wait (not a ticker or an application)
    }
    try {
      if (to == from) {
        // a client's own reader writes what it queued for itself: nobody else would
        queue.flushOwn(target, core.writeBuffers);
      }
      long now = System.nanoTime();
      if (target.stalled(now)) {
        return false;
      }
      // Offer again on room, or after T/16 to look whether the target has stalled meanwhile.
      queue.awaitRoom(now + core.config.timeout().toNanos() / 16);
      return true;
    } catch (IOException e) {
      return false; // the sender's own connection failed; its reader ends on its next read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

package org.loombus.broker.internal;

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
    return deliver(to, frame, rt, counted);
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
      fanOut(scratch, frame, rt, counted);
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
      fanOut(scratch, frame, rt, counted);
    }
    return ResultCode.OK;
  }

  private void fanOut(List<ClientEntry> targets, byte[] frame, boolean rt, long counted) {
    try {
      for (int i = 0, n = targets.size(); i < n; i++) {
        deliver(targets.get(i), frame, rt, counted);
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

  private int deliver(ClientEntry to, byte[] frame, boolean rt, long counted) {
    to.counters.written(counted);
    core.stats.written(counted);
    return switch (to.outbox.offer(frame, rt)) {
      case Outbox.QUEUED -> ResultCode.OK;
      case Outbox.FULL -> {
        core.overflow(to);
        yield ResultCode.NOT_DELIVERED;
      }
      default -> {
        core.stats.dropped();
        yield ResultCode.NOT_REGISTERED;
      }
    };
  }
}

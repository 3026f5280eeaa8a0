package org.loombus.broker.internal.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.RemoteAck;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.internal.write.Outbox;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * Routes one operation from one client (docs/protocol.md §3): resolves the targets in the
 * registry, builds the delivered frame once, and offers that one array to every target's outbox.
 * Used alike by stream readers and in-process clients. The caller passes a scratch list it owns,
 * so a lookup allocates no list.
 *
 * <p>A full outbox decides itself whether the sender waits ({@link Outbox#holdBack}); when it
 * will not, the target is handed to the overflow rule (docs/protocol.md §3.9), which drops a
 * stream client, and the sender's ACK says {@code 77}.
 *
 * <p>Federated (docs/federation.md): a direct message to a name not registered here, and every
 * broadcast and publication after its local fan-out, go to the {@link RemoteRoutes} too; frames
 * that came from there are routed by {@link RemoteInbound}, which never offers them back.
 */
public final class Router {
  private final Registry registry;
  private final Stats stats;
  private final BrokerConfig config;
  private final Consumer<ClientEntry> overflow;
  private volatile RemoteRoutes remote;

  /**
   * @param registry the routing table
   * @param stats the broker-wide counters
   * @param config the limits on masks
   * @param overflow what happens to a target whose outbox stays full
   */
  public Router(Registry registry, Stats stats, BrokerConfig config,
      Consumer<ClientEntry> overflow) {
    this.registry = registry;
    this.stats = stats;
    this.config = config;
    this.overflow = overflow;
  }

  /** @param routes where what cannot be settled here goes from now on */
  public void federate(RemoteRoutes routes) {
    remote = routes;
  }

  /**
   * @param mask a subscription or exclusion mask
   * @return whether it is within the length and depth limits (docs/robustness.md); a longer or
   *     deeper one is refused with {@code 72}
   */
  public boolean isAcceptableMask(String mask) {
    if (mask.length() > config.maxMaskLength()) {
      return false; // UTF-16 length below the UTF-8 one: the byte check follows only near it
    }
    if (mask.length() * 3 > config.maxMaskLength()
        && mask.getBytes(StandardCharsets.UTF_8).length > config.maxMaskLength()) {
      return false;
    }
    int segments = 1;
    for (int i = mask.indexOf('/'); i >= 0; i = mask.indexOf('/', i + 1)) {
      if (++segments > config.maxMaskDepth()) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param from sender
   * @param target exact target name
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param rt real-time
   * @param counted bytes counted for statistics (the sender's body length)
   * @return OK, {@code NOT_REGISTERED} or {@code NOT_DELIVERED}, or a remote result code
   */
  public int message(
      ClientEntry from, String target, byte[] src, int off, int len, boolean rt, long counted) {
    return message(from, target, src, off, len, rt, counted, false, 0);
  }

  /**
   * A direct message whose ACK, for a remote target, may come later.
   *
   * @param ack whether the sender wants an ACK
   * @param id the frame id its ACK carries
   * @return as {@link #message(ClientEntry, String, byte[], int, int, boolean, long)}, or
   *     {@link RemoteRoutes#PENDING} when the ACK will be queued once the remote broker answers
   */
  public int message(ClientEntry from, String target, byte[] src, int off, int len, boolean rt,
      long counted, boolean ack, int id) {
    ClientEntry to = registry.find(target);
    if (to == null) {
      RemoteRoutes r = remote;
      if (r == null || Registry.isLocalOnly(target) || Registry.isLocalOnly(from.name)) {
        return ResultCode.NOT_REGISTERED;
      }
      RemoteAck later = ack ? code -> ack(from, id, code, rt) : null;
      return r.message(from.name, target, src, off, len, rt, later);
    }
    byte[] frame = Frames.delivery(Ops.MESSAGE, from.nameBytes, src, off, len, rt);
    return deliver(from.outbox, to, frame, rt, counted);
  }

  /**
   * Queues an ACK to a client; it counts as written, with its 6 bytes (docs/protocol.md §5.3).
   *
   * @param client the sender of the acknowledged frame
   * @param id the frame's id
   * @param code the result code
   * @param rt whether the frame was real-time
   */
  public void ack(ClientEntry client, int id, int code, boolean rt) {
    byte[] ack = Frames.ack(id, code);
    client.counters.written(ack.length);
    stats.written(ack.length);
    if (client.outbox.offerControl(ack, rt) == Outbox.FULL) {
      overflow.accept(client);
    }
  }

  public int broadcast(
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
      fanOut(from.outbox, scratch, frame, rt, counted);
    }
    RemoteRoutes r = remote;
    if (r != null && !Registry.isLocalOnly(from.name)) {
      r.broadcast(from.name, mask, src, off, len, rt);
    }
    return ResultCode.OK;
  }

  public int publish(
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
      fanOut(from.outbox, scratch, frame, rt, counted);
    }
    RemoteRoutes r = remote;
    if (r != null && !Registry.isLocalOnly(from.name)) {
      r.publish(from.name, topic, receiver, src, payloadOff, payloadLen, rt);
    }
    return ResultCode.OK;
  }

  /**
   * A publication whose recipients were resolved when it happened, to be delivered later to
   * exactly them: the broker's announcements, which reach the subscribers of the moment.
   *
   * @param targets the subscribers then
   * @param frame the delivered frame
   * @param counted bytes counted for statistics
   */
  public record Resolved(List<ClientEntry> targets, byte[] frame, long counted) {}

  /**
   * @param from the publisher
   * @param topic the topic
   * @param payload the payload
   * @return its subscribers now and the frame they are to get, QoS 0
   */
  public Resolved resolve(ClientEntry from, String topic, byte[] payload) {
    List<ClientEntry> targets = new ArrayList<>();
    registry.matchTopic(topic, null, targets);
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] src = new byte[t.length + payload.length];
    System.arraycopy(t, 0, src, 0, t.length);
    System.arraycopy(payload, 0, src, t.length, payload.length);
    byte[] frame = Frames.publication(from.nameBytes, src, 0, t.length, t.length,
        payload.length, false);
    return new Resolved(targets, frame, t.length + 1L + payload.length);
  }

  /**
   * @param from the publisher
   * @param r what {@link #resolve} gave; delivered to those of its targets still registered
   */
  public void deliver(ClientEntry from, Resolved r) {
    fanOut(from.outbox, new ArrayList<>(r.targets()), r.frame(), false, r.counted());
  }

  /** A direct message from another broker: local clients only. */
  int remoteMessage(Outbox sender, byte[] senderName, String target, byte[] src, int off, int len,
      boolean rt) {
    ClientEntry to = registry.find(target);
    if (to == null) {
      return ResultCode.NOT_REGISTERED;
    }
    byte[] frame = Frames.delivery(Ops.MESSAGE, senderName, src, off, len, rt);
    return deliver(sender, to, frame, rt, len);
  }

  /** A broadcast from another broker: local clients only; returns how many it was offered to. */
  int remoteBroadcast(Outbox sender, byte[] senderName, String mask, byte[] src, int off,
      int len, boolean rt, List<ClientEntry> scratch) {
    registry.matchNames(mask, scratch);
    int n = scratch.size();
    if (n > 0) {
      fanOut(sender, scratch, Frames.delivery(Ops.BROADCAST, senderName, src, off, len, rt), rt,
          len);
    }
    return n;
  }

  /** A publication from another broker: local clients only; returns how many it was offered to. */
  int remotePublish(Outbox sender, byte[] senderName, String topic, String receiver, byte[] src,
      int topicOff, int topicLen, int off, int len, boolean rt, List<ClientEntry> scratch) {
    registry.matchTopic(topic, receiver, scratch);
    int n = scratch.size();
    if (n > 0) {
      fanOut(sender, scratch,
          Frames.publication(senderName, src, topicOff, topicLen, off, len, rt), rt, len);
    }
    return n;
  }

  private void fanOut(
      Outbox from, List<ClientEntry> targets, byte[] frame, boolean rt, long counted) {
    try {
      for (int i = 0, n = targets.size(); i < n; i++) {
        deliver(from, targets.get(i), frame, rt, counted);
      }
    } finally {
      targets.clear();
    }
  }

  /**
   * Subscription-list operations (ops 02–05), with masks already checked by
   * {@link #isAcceptableMask}.
   *
   * @return {@link ResultCode#OK}, or for ops 02 and 04 {@link Registry#TOO_MANY_MASKS} or
   *     {@link Registry#NO_MEMORY}, which end a stream client's connection
   */
  public int subscription(ClientEntry from, int op, Collection<String> masks) {
    switch (op) {
      case Ops.SUBSCRIBE -> {
        return registry.subscribe(from, masks, config.maxMasks());
      }
      case Ops.UNSUBSCRIBE -> registry.unsubscribe(from, masks);
      case Ops.EXCLUDE -> {
        return registry.exclude(from, masks, config.maxMasks());
      }
      case Ops.UNEXCLUDE -> registry.unexclude(from, masks);
      default -> throw new IllegalArgumentException("not a subscription op: " + op);
    }
    return ResultCode.OK;
  }

  private int deliver(Outbox from, ClientEntry to, byte[] frame, boolean rt, long counted) {
    to.counters.written(counted);
    stats.written(counted);
    boolean heldBack = false;
    while (true) {
      switch (to.outbox.offer(frame, rt)) {
        case Outbox.QUEUED -> {
          return ResultCode.OK;
        }
        case Outbox.FULL -> {
          if (!to.outbox.holdBack(from)) {
            overflow.accept(to);
            return ResultCode.NOT_DELIVERED;
          }
          heldBack = true;
        }
        case Outbox.NO_MEMORY -> {
          // The receiver is within its own limits: it keeps its connection, this frame is lost.
          if (!to.outbox.holdBack(from)) {
            stats.dropped();
            stats.memoryRefusals.increment();
            return ResultCode.NOT_DELIVERED;
          }
          heldBack = true;
        }
        default -> {
          stats.dropped();
          // dropped while this sender waited for its room: the frame was not delivered
          return heldBack ? ResultCode.NOT_DELIVERED : ResultCode.NOT_REGISTERED;
        }
      }
    }
  }
}

package org.loombus.broker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.loombus.broker.BrokerShutdownException;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.route.Router;
import org.loombus.broker.internal.write.QueueOutbox;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Handshake;
import org.loombus.protocol.wire.Ops;

/**
 * A client living in the broker's process (docs/protocol.md §8.3). Operations act on the routing
 * table directly on the calling thread, and every confirmation is already complete: the result a
 * socket client would get in its ACK, for any QoS.
 */
final class InProcessClient implements BusClient {
  private final BrokerCore core;
  private final ClientEntry entry;
  private final QueueOutbox queue;
  private final AtomicInteger nextSecondary = new AtomicInteger();

  InProcessClient(BrokerCore core, ClientEntry entry, QueueOutbox queue) {
    this.core = core;
    this.entry = entry;
    this.queue = queue;
  }

  ClientEntry entry() {
    return entry;
  }

  @Override
  public String name() {
    return entry.name;
  }

  @Override
  public Confirmation send(String target, byte[] payload, Qos qos) {
    ensureOpen();
    long counted = utf8Length(target) + 1L + payload.length;
    core.stats().read(counted);
    entry.counters.read(counted);
    return Confirmation.completed(core.router().message(
        entry, target, payload, 0, payload.length, qos.isRealtime(), counted));
  }

  @Override
  public Confirmation broadcast(String mask, byte[] payload, Qos qos) {
    ensureOpen();
    long counted = utf8Length(mask) + 1L + payload.length;
    core.stats().read(counted);
    entry.counters.read(counted);
    return Confirmation.completed(core.router().broadcast(
        entry, mask, payload, 0, payload.length, qos.isRealtime(), counted, new ArrayList<>()));
  }

  @Override
  public Confirmation publish(String topic, byte[] payload, Qos qos) {
    return publication(topic, null, payload, qos);
  }

  @Override
  public Confirmation publishFor(String topic, String receiver, byte[] payload, Qos qos) {
    return publication(topic, receiver, payload, qos);
  }

  private Confirmation publication(String topic, String receiver, byte[] payload, Qos qos) {
    ensureOpen();
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] src = new byte[t.length + payload.length];
    System.arraycopy(t, 0, src, 0, t.length);
    System.arraycopy(payload, 0, src, t.length, payload.length);
    long counted = t.length + 1L + (receiver == null ? 0 : utf8Length(receiver) + 1L)
        + payload.length;
    core.stats().read(counted);
    entry.counters.read(counted);
    return Confirmation.completed(core.router().publish(entry, topic, receiver, src, 0, t.length,
        t.length, payload.length, qos.isRealtime(), counted, new ArrayList<>()));
  }

  /**
   * A publication of this client resolved now, counted as read now, to be delivered later.
   *
   * @param topic the topic
   * @param payload the payload
   * @param router the routing
   * @return its subscribers of now and its frame
   */
  Router.Resolved resolve(String topic, byte[] payload, Router router) {
    Router.Resolved r = router.resolve(entry, topic, payload);
    core.stats().read(r.counted());
    entry.counters.read(r.counted());
    return r;
  }

  /**
   * @param r what {@link #resolve} gave
   * @param router the routing
   */
  void deliver(Router.Resolved r, Router router) {
    router.deliver(entry, r);
  }

  @Override
  public Confirmation subscribe(Collection<String> masks, Qos qos) {
    return subscription(Ops.SUBSCRIBE, masks);
  }

  @Override
  public Confirmation unsubscribe(Collection<String> masks, Qos qos) {
    return subscription(Ops.UNSUBSCRIBE, masks);
  }

  @Override
  public Confirmation exclude(Collection<String> masks, Qos qos) {
    return subscription(Ops.EXCLUDE, masks);
  }

  @Override
  public Confirmation unexclude(Collection<String> masks, Qos qos) {
    return subscription(Ops.UNEXCLUDE, masks);
  }

  private Confirmation subscription(int op, Collection<String> masks) {
    ensureOpen();
    long counted = Math.max(0, masks.size() - 1);
    for (String m : masks) {
      counted += utf8Length(m);
    }
    core.stats().read(counted);
    entry.counters.read(counted);
    for (String m : masks) {
      if (!core.router().isAcceptableMask(m)) {
        return Confirmation.completed(ResultCode.DATA);
      }
    }
    int code = core.router().subscription(entry, op, List.copyOf(masks));
    // past the mask limit or the memory budget: refused, nothing added (an in-process client
    // is the embedder's own and is not disconnected)
    return Confirmation.completed(code < 0 ? ResultCode.OTHER : code);
  }

  @Override
  public BusClient registerSecondary() {
    if (entry.secondary) {
      throw new BusException(ResultCode.NOT_SUPPORTED, entry.name + " is not a primary client");
    }
    ensureOpen();
    return core.registerInProcess(
        entry.name + Handshake.SECONDARY_SEPARATOR + nextSecondary.getAndIncrement(), null);
  }

  @Override
  public void intercept(Predicate<Frame> interceptor) {
    if (queue == null) {
      throw new UnsupportedOperationException(entry.name + " receives through its handler");
    }
    queue.frames().intercept(interceptor);
  }

  @Override
  public Frame receive() throws InterruptedException {
    return take(-1);
  }

  @Override
  public Frame receive(Duration timeout) throws InterruptedException {
    return take(Math.max(0, timeout.toNanos()));
  }

  private Frame take(long nanos) throws InterruptedException {
    if (queue == null) {
      throw new UnsupportedOperationException(entry.name + " receives through its handler");
    }
    try {
      return queue.frames().take(nanos);
    } catch (ClientClosedException e) {
      throw closedException();
    }
  }

  @Override
  public boolean isConnected() {
    return core.isRegistered(entry);
  }

  @Override
  public void close() {
    core.disconnect(entry, "closed by the application", false, Transport.Ending.NORMAL);
  }

  private void ensureOpen() {
    if (!core.isRegistered(entry)) {
      throw closedException();
    }
  }

  private ClientClosedException closedException() {
    return core.isShutdown()
        ? new BrokerShutdownException()
        : new ClientClosedException(entry.name + " is no longer registered");
  }

  private static int utf8Length(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }
}

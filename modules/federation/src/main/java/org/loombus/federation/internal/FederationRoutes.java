package org.loombus.federation.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.loombus.broker.ClientKind;
import org.loombus.broker.RemoteAck;
import org.loombus.broker.RemoteClient;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.RemoteStatistics;
import org.loombus.protocol.ResultCode;

/**
 * The broker's way out to the other nodes (docs/federation.md#what-crosses): a direct message to
 * a name the directory places on another node goes to that node's subject, a broadcast to every
 * node, a publication to the subject of its topic, where NATS takes it to the nodes with a
 * matching subscriber. Result codes: {@code 71} when no node in view has the name, {@code 73}
 * while the link is down, {@code 72} for a frame larger than NATS carries, {@code 77} when the
 * outgoing queue stays full or too many ACKs wait already; an acknowledged message otherwise
 * gets the receiving node's answer, or {@code 78} if none comes within the timeout.
 */
public final class FederationRoutes implements RemoteRoutes {
  private final Subjects subjects;
  private final Directory directory;
  private final LocalNames local;
  private final Interest interest;
  private final Outbound out;
  private final PendingAcks pending;
  private final Link link;
  private final Counters counters;
  private final String node;
  private final long ackNanos;
  private final long holdNanos;
  private final ConcurrentHashMap<String, String> topicSubjects = new ConcurrentHashMap<>();
  private final ThreadLocal<Utf8Cache> utf8 = ThreadLocal.withInitial(Utf8Cache::new);
  /** Most topics whose subject is kept, so that a publisher's repeated topic is mapped once. */
  private static final int TOPIC_CACHE = 4096;

  FederationRoutes(Subjects subjects, Directory directory, LocalNames local, Interest interest,
      Outbound out, PendingAcks pending, Link link, Counters counters, String node,
      long ackNanos) {
    this.subjects = subjects;
    this.directory = directory;
    this.local = local;
    this.interest = interest;
    this.out = out;
    this.pending = pending;
    this.link = link;
    this.counters = counters;
    this.node = node;
    this.ackNanos = ackNanos;
    this.holdNanos = ackNanos / 4;
  }

  @Override
  public int message(String sender, String target, byte[] src, int off, int len,
      boolean realtime, RemoteAck ack) {
    Directory.Claim c = directory.lookup(target);
    if (c == null) {
      return ResultCode.NOT_REGISTERED;
    }
    if (!link.isUp()) {
      counters.errors.increment();
      return ResultCode.IO;
    }
    long token = 0;
    if (ack != null) {
      token = pending.add(ack, c.node(), System.nanoTime() + ackNanos);
      if (token < 0) {
        counters.errors.increment();
        return ResultCode.NOT_DELIVERED;
      }
    }
    int code = send(subjects.messages(c.node()), ack != null ? Records.ACKED : Records.MESSAGE,
        realtime, token, sender, target, null, src, off, len);
    if (code != ResultCode.OK) {
      pending.cancel(token);
      return code;
    }
    return ack != null ? PENDING : ResultCode.OK;
  }

  @Override
  public void broadcast(String sender, String mask, byte[] src, int off, int len,
      boolean realtime) {
    if (directory.nodeCount() == 0) {
      return; // nobody else to reach
    }
    if (!link.isUp()) {
      counters.errors.increment();
      return;
    }
    send(subjects.broadcast(), Records.BROADCAST, realtime, 0, sender, mask, null, src, off, len);
  }

  @Override
  public void publish(String sender, String topic, String receiver, byte[] src, int off, int len,
      boolean realtime) {
    String subject = topicSubjects.get(topic);
    if (subject == null) {
      subject = subjects.topic(topic);
      if (subject == null) {
        counters.errors.increment(); // its subject would be too long for NATS
        return;
      }
      if (topicSubjects.size() >= TOPIC_CACHE) {
        topicSubjects.clear();
      }
      topicSubjects.put(topic, subject);
    }
    if (!link.isUp()) {
      if (directory.nodeCount() > 0) {
        counters.errors.increment();
      }
      return;
    }
    byte kind = receiver == null ? Records.PUBLISH : Records.PUBLISH_FOR;
    send(subject, kind, realtime, 0, sender, topic, receiver, src, off, len);
  }

  private int send(String subject, byte kind, boolean realtime, long token, String sender,
      String address, String receiver, byte[] src, int off, int len) {
    byte[] s = utf8(sender);
    byte[] a = utf8(address);
    byte[] r = receiver == null ? null : receiver.getBytes(StandardCharsets.UTF_8);
    if (Records.size(kind, s, a, r, len) > link.maxRecord()) {
      counters.errors.increment();
      return ResultCode.DATA;
    }
    if (!out.offer(subject, kind, realtime, token, s, a, r, src, off, len, holdNanos)) {
      counters.errors.increment();
      return ResultCode.NOT_DELIVERED;
    }
    counters.framesOut.increment();
    return ResultCode.OK;
  }

  /**
   * A reader sends under the same name, mostly to the same target, frame after frame, as the
   * same String objects: their bytes are kept per thread and reused while the object is the same.
   */
  private byte[] utf8(String s) {
    Utf8Cache cache = utf8.get();
    return cache.bytes(s);
  }

  /** The last few strings a thread encoded, by identity. */
  private static final class Utf8Cache {
    private final String[] strings = new String[4];
    private final byte[][] bytes = new byte[4][];
    private int next;

    byte[] bytes(String s) {
      for (int i = 0; i < strings.length; i++) {
        if (strings[i] == s) {
          return bytes[i];
        }
      }
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      strings[next] = s;
      bytes[next] = b;
      next = (next + 1) % strings.length;
      return b;
    }
  }

  @Override
  public boolean isRegisteredElsewhere(String primary) {
    return directory.lookup(primary) != null;
  }

  @Override
  public void registered(String name, ClientKind kind) {
    local.registered(name, kind);
  }

  @Override
  public void unregistered(String name) {
    local.unregistered(name);
  }

  @Override
  public void subscribed(String mask) {
    interest.subscribed(mask);
  }

  @Override
  public void unsubscribed(String mask) {
    interest.unsubscribed(mask);
  }

  @Override
  public List<RemoteClient> clients() {
    return directory.clients();
  }

  @Override
  public RemoteStatistics statistics() {
    return new RemoteStatistics(node, link.isUp(), link.server(), counters.reconnects.sum(),
        counters.framesOut.sum(), counters.framesIn.sum(), counters.remoteDeliveries.sum(),
        counters.errors.sum(), directory.nodeCount(), directory.nameCount());
  }
}

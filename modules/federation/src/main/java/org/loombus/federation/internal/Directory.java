package org.loombus.federation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.RemoteClient;
import org.loombus.protocol.wire.Handshake;

/**
 * This node's view of the other nodes and their names (docs/federation.md#names): one view per
 * node, kept by its announcements, checked against the directory version of its heartbeats, and
 * replaced by a fetched list whenever it may have missed something. A node whose heartbeats stop
 * is dropped with its names.
 *
 * <p>Where two nodes hold the same primary name, the claim registered earlier wins (by the
 * registering node's clock, in milliseconds), and between equal times the smaller node name: each
 * node applies the same rule to the same two claims, so they agree on the winner without talking.
 * The index of names answers direct-message look-ups without a lock.
 */
final class Directory {
  /** Most names of other nodes held at once; announcements beyond it are ignored. */
  static final int MAX_NAMES = 1 << 20;
  /** Most other nodes held at once; a node beyond it is ignored until one leaves. */
  static final int MAX_NODES = 4096;

  /** A node's claim on a name. */
  record Claim(String node, DirectoryCodec.Name name) {
    boolean beats(Claim other) {
      long a = name.since();
      long b = other.name.since();
      return a != b ? a < b : node.compareTo(other.node) < 0;
    }
  }

  private static final class NodeView {
    final String node;
    final long boot;
    long version = -1;
    long lastSeen;
    final Map<String, DirectoryCodec.Name> names = new HashMap<>();

    NodeView(String node, long boot, long now) {
      this.node = node;
      this.boot = boot;
      this.lastSeen = now;
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, NodeView> nodes = new HashMap<>();
  private final ConcurrentHashMap<String, Claim> index = new ConcurrentHashMap<>();
  private int total;

  /**
   * @param name a full client name
   * @return the claim of the node that holds it, or {@code null} if no other node does
   */
  Claim lookup(String name) {
    return index.get(name);
  }

  /**
   * A heartbeat.
   *
   * @return whether this node must fetch the sender's list: it is new, restarted, or its version
   *     is not the one this view has
   */
  boolean heartbeat(String node, long boot, long version, long now) {
    lock.lock();
    try {
      NodeView v = view(node, boot, now);
      if (v == null) {
        return false;
      }
      v.lastSeen = now;
      return v.version != version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * An announcement of a name registered or unregistered.
   *
   * @param added receives the claim if the name was added
   * @return whether this node must fetch the sender's list, having missed an earlier change
   */
  boolean announce(DirectoryCodec.Announcement a, long now, List<Claim> added) {
    lock.lock();
    try {
      NodeView v = view(a.node(), a.boot(), now);
      if (v == null) {
        return false;
      }
      v.lastSeen = now;
      if (v.version < 0 || a.version() != v.version + 1) {
        return a.version() > v.version; // a gap; an old repeat is ignored
      }
      v.version = a.version();
      if (a.type() == DirectoryCodec.REGISTERED) {
        add(v, a.name(), added);
      } else {
        remove(v, a.name().name());
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces a node's names with a fetched list.
   *
   * @param added receives the claims of names the view did not have
   */
  void replace(String node, long boot, long version, List<DirectoryCodec.Name> names, long now,
      List<Claim> added) {
    lock.lock();
    try {
      NodeView v = view(node, boot, now);
      if (v == null) {
        return;
      }
      Map<String, DirectoryCodec.Name> fresh = new HashMap<>();
      names.forEach(n -> fresh.put(n.name(), n));
      for (String old : List.copyOf(v.names.keySet())) {
        if (!fresh.containsKey(old)) {
          remove(v, old);
        }
      }
      for (DirectoryCodec.Name n : names) {
        if (!n.equals(v.names.get(n.name()))) {
          add(v, n, added);
        }
      }
      v.version = version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the nodes whose last sign of life is older than {@code maxAge}.
   *
   * @return their names
   */
  List<String> expire(long now, long maxAgeNanos) {
    lock.lock();
    try {
      List<String> gone = new ArrayList<>();
      for (NodeView v : List.copyOf(nodes.values())) {
        if (now - v.lastSeen > maxAgeNanos) {
          drop(v);
          gone.add(v.node);
        }
      }
      return gone;
    } finally {
      lock.unlock();
    }
  }

  /** Counts every node as seen now: after the link was down, they get a full period again. */
  void touchAll(long now) {
    lock.lock();
    try {
      nodes.values().forEach(v -> v.lastSeen = now);
    } finally {
      lock.unlock();
    }
  }

  /** @return the primary clients of every node, with 1 + their secondaries there */
  List<RemoteClient> clients() {
    lock.lock();
    try {
      List<RemoteClient> out = new ArrayList<>();
      for (NodeView v : nodes.values()) {
        Map<String, int[]> instances = new HashMap<>();
        for (String name : v.names.keySet()) {
          instances.computeIfAbsent(Handshake.primaryOf(name), k -> new int[1])[0]++;
        }
        for (DirectoryCodec.Name n : v.names.values()) {
          if (!Handshake.isSecondary(n.name())) {
            out.add(new RemoteClient(n.name(), n.kind(), v.node, instances.get(n.name())[0]));
          }
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** @return the nodes in view */
  int nodeCount() {
    lock.lock();
    try {
      return nodes.size();
    } finally {
      lock.unlock();
    }
  }

  /** @return the names they hold, secondaries included */
  int nameCount() {
    lock.lock();
    try {
      return total;
    } finally {
      lock.unlock();
    }
  }

  /** @return the node's view, new if need be; {@code null} when {@link #MAX_NODES} are held */
  private NodeView view(String node, long boot, long now) {
    NodeView v = nodes.get(node);
    if (v != null && v.boot != boot) {
      drop(v); // restarted: its old names are gone with its old process
      v = null;
    }
    if (v == null) {
      if (nodes.size() >= MAX_NODES) {
        return null;
      }
      v = new NodeView(node, boot, now);
      nodes.put(node, v);
    }
    return v;
  }

  private void add(NodeView v, DirectoryCodec.Name n, List<Claim> added) {
    if (!v.names.containsKey(n.name()) && total >= MAX_NAMES) {
      return;
    }
    if (v.names.put(n.name(), n) == null) {
      total++;
    }
    Claim c = new Claim(v.node, n);
    index.merge(n.name(), c, (old, neu) -> old.node().equals(neu.node()) || neu.beats(old)
        ? neu : old);
    added.add(c);
  }

  private void remove(NodeView v, String name) {
    if (v.names.remove(name) == null) {
      return;
    }
    total--;
    Claim c = index.get(name);
    if (c != null && c.node().equals(v.node)) {
      Claim best = null;
      for (NodeView other : nodes.values()) {
        DirectoryCodec.Name n = other.names.get(name);
        if (n != null) {
          Claim o = new Claim(other.node, n);
          best = best == null || o.beats(best) ? o : best;
        }
      }
      if (best == null) {
        index.remove(name);
      } else {
        index.put(name, best);
      }
    }
  }

  private void drop(NodeView v) {
    for (String name : List.copyOf(v.names.keySet())) {
      remove(v, name);
    }
    nodes.remove(v.node);
  }
}

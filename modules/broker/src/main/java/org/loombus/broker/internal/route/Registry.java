package org.loombus.broker.internal.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.ClientKind;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.internal.write.MemoryBudget;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Masks;

/**
 * The routing table: names, subscriptions, exclusions and primary/secondary links.
 *
 * <p>Lock discipline: {@link #lock} guards every change and every multi-client lookup (broadcast,
 * publication), and the {@code Registry.lock}-guarded fields of {@link ClientEntry}. Direct-message
 * lookups read {@link #names} without it (a concurrent map). Nothing is ever queued or written
 * while the lock is held: lookups copy their targets into a list first.
 *
 * <p>Federated, it tells the {@link RemoteRoutes} of every name and subscription mask that comes
 * and goes, with the lock held so that the events keep the table's order, and asks it whether a
 * new primary name is held by another broker.
 */
public final class Registry {
  /** Topic every client is subscribed to at registration, bypassing access control. */
  static final String WARN_TOPIC = ".broker/warn";

  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentHashMap<String, ClientEntry> names = new ConcurrentHashMap<>();
  private final TopicTree<ClientEntry> topics = new TopicTree<>();
  private long pass;
  private int socketClients;

  /** Result of {@link #register} when the client limit is reached. */
  public static final int LIMIT_REACHED = -1;
  /** Result of {@link #subscribe} and {@link #exclude} past the client's mask limit. */
  public static final int TOO_MANY_MASKS = -2;
  /** Result of {@link #subscribe} and {@link #exclude} when the memory budget is spent. */
  public static final int NO_MEMORY = -3;

  private final MemoryBudget memory;
  private volatile RemoteRoutes remote;

  /** @param memory where the heap that subscriptions and exclusions hold is reserved from */
  public Registry(MemoryBudget memory) {
    this.memory = memory;
  }

  /**
   * @param name a client name
   * @return whether it never crosses to other brokers: the dot-names of the broker's own clients
   */
  static boolean isLocalOnly(String name) {
    return name.startsWith(".");
  }

  /**
   * Starts telling {@code routes} of names and masks, first of those registered now.
   *
   * @param routes the federation
   */
  public void federate(RemoteRoutes routes) {
    lock.lock();
    try {
      remote = routes;
      for (ClientEntry c : names.values()) {
        if (!isLocalOnly(c.name)) {
          routes.registered(c.name, c.kind);
        }
        c.subscriptions.forEach(routes::subscribed);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a client (docs/protocol.md §1.3, §1.5, §1.6).
   *
   * @param entry the new client
   * @param forceRegister whether a primary replaces a registered primary of the same name
   * @param maxClients most socket clients at once, 0 for no limit
   * @param replaced receives the clients removed by force-register (old primary, its secondaries)
   * @return {@link ResultCode#OK}, {@code BUSY}, {@code NOT_REGISTERED} or {@link #LIMIT_REACHED}
   */
  public int register(
      ClientEntry entry, boolean forceRegister, int maxClients, List<ClientEntry> replaced) {
    lock.lock();
    try {
      boolean socket = entry.kind != ClientKind.INTERNAL;
      if (socket && maxClients > 0 && socketClients >= maxClients) {
        return LIMIT_REACHED;
      }
      ClientEntry existing = names.get(entry.name);
      if (entry.secondary) {
        if (existing != null) {
          return ResultCode.BUSY;
        }
        ClientEntry primary = names.get(entry.primaryName);
        if (primary == null) {
          return ResultCode.NOT_REGISTERED;
        }
        entry.primary = primary;
        primary.secondaries.add(entry);
      } else {
        RemoteRoutes r = remote;
        if (r != null && !isLocalOnly(entry.name) && r.isRegisteredElsewhere(entry.name)) {
          return ResultCode.BUSY; // force-register replaces local clients only
        }
        if (existing != null) {
          if (!forceRegister || existing.kind == ClientKind.INTERNAL) {
            return ResultCode.BUSY;
          }
          removeLocked(existing, replaced);
        }
      }
      names.put(entry.name, entry);
      entry.registered = true;
      if (socket) {
        socketClients++;
      }
      entry.subscriptions.add(WARN_TOPIC);
      topics.add(WARN_TOPIC, entry);
      RemoteRoutes r = remote;
      if (r != null) {
        if (!isLocalOnly(entry.name)) {
          r.registered(entry.name, entry.kind);
        }
        r.subscribed(WARN_TOPIC);
      }
      return ResultCode.OK;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a client and, for a primary, its secondaries.
   *
   * @param entry the client
   * @return the removed clients, the given one first; empty if it was no longer registered
   */
  public List<ClientEntry> remove(ClientEntry entry) {
    List<ClientEntry> removed = new ArrayList<>(1);
    lock.lock();
    try {
      removeLocked(entry, removed);
    } finally {
      lock.unlock();
    }
    return removed;
  }

  private void removeLocked(ClientEntry entry, List<ClientEntry> removed) {
    if (!entry.registered) {
      return;
    }
    entry.registered = false;
    removed.add(entry);
    if (entry.kind != ClientKind.INTERNAL) {
      socketClients--;
    }
    names.remove(entry.name, entry);
    RemoteRoutes r = remote;
    for (String mask : entry.subscriptions) {
      topics.remove(mask, entry);
      if (r != null) {
        r.unsubscribed(mask);
      }
    }
    if (r != null && !isLocalOnly(entry.name)) {
      r.unregistered(entry.name);
    }
    entry.subscriptions.clear();
    entry.exclusions.clear();
    entry.excluded = null;
    memory.release(entry.maskBytes);
    entry.maskBytes = 0;
    if (entry.secondary) {
      entry.primary.secondaries.remove(entry);
    } else {
      for (ClientEntry s : List.copyOf(entry.secondaries)) {
        removeLocked(s, removed);
      }
    }
  }

  /**
   * @param name a full client name
   * @return the registered client, or {@code null}
   */
  public ClientEntry find(String name) {
    return names.get(name);
  }

  /** @return a snapshot of every registered client */
  public List<ClientEntry> all() {
    return new ArrayList<>(names.values());
  }

  /** @return the number of registered clients */
  public int size() {
    return names.size();
  }

  /**
   * @param mask a broadcast name mask
   * @param out receives every registered client whose name matches
   */
  void matchNames(String mask, List<ClientEntry> out) {
    lock.lock();
    try {
      for (ClientEntry c : names.values()) {
        if (Masks.matchesName(mask, c.name)) {
          out.add(c);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Finds the recipients of a publication: subscribers without a matching exclusion, each once.
   *
   * @param topic the topic
   * @param receiver a primary name to restrict to (publish-for), or {@code null}
   * @param out receives the recipients
   */
  void matchTopic(String topic, String receiver, List<ClientEntry> out) {
    lock.lock();
    try {
      int start = out.size();
      topics.collect(topic, out);
      long p = ++pass;
      int kept = start;
      for (int i = start, n = out.size(); i < n; i++) {
        ClientEntry c = out.get(i);
        if (c.mark == p) {
          continue; // already selected by another of its masks
        }
        c.mark = p;
        if ((receiver == null || receiver.equals(c.primaryName))
            && (c.excluded == null || !c.excluded.matchesAny(topic))) {
          out.set(kept++, c);
        }
      }
      out.subList(kept, out.size()).clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds subscriptions (op 02), unless they would take the client past {@code maxMasks}
   * subscriptions and exclusions together, or the broker past its memory budget.
   *
   * @return {@link ResultCode#OK}, {@link #TOO_MANY_MASKS} or {@link #NO_MEMORY}; nothing is
   *     added unless OK
   */
  int subscribe(ClientEntry c, Collection<String> masks, int maxMasks) {
    lock.lock();
    try {
      if (!c.registered) {
        return ResultCode.OK;
      }
      int admitted = admit(c, masks, c.subscriptions, maxMasks);
      if (admitted == ResultCode.OK) {
        RemoteRoutes r = remote;
        for (String mask : masks) {
          if (c.subscriptions.add(mask)) {
            topics.add(mask, c);
            if (r != null) {
              r.subscribed(mask);
            }
          }
        }
      }
      return admitted;
    } finally {
      lock.unlock();
    }
  }

  void unsubscribe(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      RemoteRoutes r = remote;
      for (String mask : masks) {
        if (c.subscriptions.remove(mask)) {
          topics.remove(mask, c);
          forget(c, mask);
          if (r != null) {
            r.unsubscribed(mask);
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds exclusions (op 04), indexed like subscriptions so that a publication checks them in
   * time proportional to its topic, not to their number; same limits as {@link #subscribe}.
   *
   * @return {@link ResultCode#OK}, {@link #TOO_MANY_MASKS} or {@link #NO_MEMORY}
   */
  int exclude(ClientEntry c, Collection<String> masks, int maxMasks) {
    lock.lock();
    try {
      if (!c.registered) {
        return ResultCode.OK;
      }
      int admitted = admit(c, masks, c.exclusions, maxMasks);
      if (admitted == ResultCode.OK) {
        for (String mask : masks) {
          if (c.exclusions.add(mask)) {
            if (c.excluded == null) {
              c.excluded = new TopicTree<>();
            }
            c.excluded.add(mask, c);
          }
        }
      }
      return admitted;
    } finally {
      lock.unlock();
    }
  }

  void unexclude(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      for (String mask : masks) {
        if (c.exclusions.remove(mask)) {
          c.excluded.remove(mask, c);
          forget(c, mask);
        }
      }
      if (c.exclusions.isEmpty()) {
        c.excluded = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Checks the new masks (only those the client lacks) against its limit and reserves their
   * heap; called with the lock held.
   */
  private int admit(ClientEntry c, Collection<String> masks, Set<String> into, int maxMasks) {
    int added = 0;
    long cost = 0;
    for (String mask : masks) {
      if (!into.contains(mask)) {
        added++;
        cost += cost(mask);
      }
    }
    if (c.subscriptions.size() + c.exclusions.size() + added > maxMasks) {
      return TOO_MANY_MASKS;
    }
    if (!memory.tryReserve(cost)) {
      return NO_MEMORY;
    }
    c.maskBytes += cost;
    return ResultCode.OK;
  }

  private void forget(ClientEntry c, String mask) {
    long cost = cost(mask);
    c.maskBytes -= cost;
    memory.release(cost);
  }

  /**
   * What one mask holds, estimated: its text in the client's set (UTF-16) and a tree node of
   * hash maps per segment in the worst case that it shares no node with another mask.
   */
  static long cost(String mask) {
    int segments = 1;
    for (int i = mask.indexOf('/'); i >= 0; i = mask.indexOf('/', i + 1)) {
      segments++;
    }
    return 96 + 2L * mask.length() + 192L * segments;
  }

  /**
   * @param c a client
   * @return 1 + its registered secondaries
   */
  public int instances(ClientEntry c) {
    lock.lock();
    try {
      return 1 + c.secondaries.size();
    } finally {
      lock.unlock();
    }
  }
}

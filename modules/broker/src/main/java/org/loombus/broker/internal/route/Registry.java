package org.loombus.broker.internal.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.ClientKind;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Masks;

/**
 * The routing table: names, subscriptions, exclusions and primary/secondary links.
 *
 * <p>Lock discipline: {@link #lock} guards every change and every multi-client lookup (broadcast,
 * publication), and the {@code Registry.lock}-guarded fields of {@link ClientEntry}. Direct-message
 * lookups read {@link #names} without it (a concurrent map). Nothing is ever queued or written
 * while the lock is held: lookups copy their targets into a list first.
 */
public final class Registry {
  /** Topic every client is subscribed to at registration, bypassing access control. */
  static final String WARN_TOPIC = ".broker/warn";

  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentHashMap<String, ClientEntry> names = new ConcurrentHashMap<>();
  private final TopicTree topics = new TopicTree();
  private long pass;
  private int socketClients;

  /** Result of {@link #register} when the client limit is reached. */
  public static final int LIMIT_REACHED = -1;

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
      } else if (existing != null) {
        if (!forceRegister || existing.kind == ClientKind.INTERNAL) {
          return ResultCode.BUSY;
        }
        removeLocked(existing, replaced);
      }
      names.put(entry.name, entry);
      entry.registered = true;
      if (socket) {
        socketClients++;
      }
      entry.subscriptions.add(WARN_TOPIC);
      topics.add(WARN_TOPIC, entry);
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
    for (String mask : entry.subscriptions) {
      topics.remove(mask, entry);
    }
    entry.subscriptions.clear();
    entry.exclusions.clear();
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
      topics.collect(topic, ++pass, out);
      for (int i = out.size() - 1; i >= start; i--) {
        ClientEntry c = out.get(i);
        if ((receiver != null && !receiver.equals(c.primaryName)) || isExcluded(c, topic)) {
          out.remove(i);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static boolean isExcluded(ClientEntry c, String topic) {
    for (String mask : c.exclusions) {
      if (Masks.matchesTopic(mask, topic)) {
        return true;
      }
    }
    return false;
  }

  void subscribe(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      if (!c.registered) {
        return;
      }
      for (String mask : masks) {
        if (c.subscriptions.add(mask)) {
          topics.add(mask, c);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void unsubscribe(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      for (String mask : masks) {
        if (c.subscriptions.remove(mask)) {
          topics.remove(mask, c);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void exclude(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      if (!c.registered) {
        return;
      }
      for (String mask : masks) {
        if (!c.exclusions.contains(mask)) {
          c.exclusions.add(mask);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  void unexclude(ClientEntry c, Collection<String> masks) {
    lock.lock();
    try {
      c.exclusions.removeAll(masks);
    } finally {
      lock.unlock();
    }
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

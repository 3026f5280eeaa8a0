package org.loombus.federation.internal;

import io.nats.client.Dispatcher;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The topics this node's clients want from the other nodes, as NATS subscriptions: one per
 * distinct subject their masks map to, held while at least one mask needs it. NATS then sends a
 * publication only to the nodes with a matching subscriber (routing by interest).
 *
 * <p>Mask changes arrive with the routing table's lock held, so they only update the counts and
 * mark the subject; {@link #apply} (the control thread) brings the subscriptions in line. A NATS
 * connection subscribes again by itself after a reconnect.
 */
final class Interest {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Integer> wanted = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> subscribed = new HashSet<>();
  private final Subjects subjects;
  private final Counters counters;

  Interest(Subjects subjects, Counters counters) {
    this.subjects = subjects;
    this.counters = counters;
  }

  void subscribed(String mask) {
    change(mask, 1);
  }

  void unsubscribed(String mask) {
    change(mask, -1);
  }

  private void change(String mask, int delta) {
    String subject = subjects.mask(mask);
    if (subject == null) {
      if (delta > 0) {
        counters.errors.increment(); // too long for NATS: its publications stay on their node
      }
      return;
    }
    lock.lock();
    try {
      int n = wanted.getOrDefault(subject, 0) + delta;
      if (n <= 0) {
        wanted.remove(subject);
      } else {
        wanted.put(subject, n);
      }
      if (n == 0 || n == 1 && delta > 0) {
        changed.add(subject);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Subscribes and unsubscribes {@code d} as the counts changed since the last call. */
  void apply(Dispatcher d) {
    Set<String> todo;
    Set<String> want = new HashSet<>();
    lock.lock();
    try {
      if (changed.isEmpty()) {
        return;
      }
      todo = new LinkedHashSet<>(changed);
      changed.clear();
      for (String s : todo) {
        if (wanted.containsKey(s)) {
          want.add(s);
        }
      }
    } finally {
      lock.unlock();
    }
    for (String s : todo) {
      boolean has = subscribed.contains(s);
      try {
        if (want.contains(s) && !has) {
          d.subscribe(s);
          subscribed.add(s);
        } else if (!want.contains(s) && has) {
          d.unsubscribe(s);
          subscribed.remove(s);
        }
      } catch (IllegalStateException e) {
        // the connection is closing or closed: this subject is brought in line next time
        lock.lock();
        try {
          changed.add(s);
        } finally {
          lock.unlock();
        }
      }
    }
  }
}

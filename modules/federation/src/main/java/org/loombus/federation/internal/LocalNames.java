package org.loombus.federation.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.ClientKind;

/**
 * The names registered on this node as the federation announces them: each change raises the
 * node's directory version and queues one announcement for the control thread to send. The
 * queue is bounded: past {@link #MAX_QUEUED} unsent changes it is dropped, and the other nodes,
 * finding the version in the next heartbeat ahead of what they saw, fetch the whole list instead.
 *
 * <p>Changes come in with the routing table's lock held, so nothing here waits.
 */
final class LocalNames {
  static final int MAX_QUEUED = 4096;

  private final ReentrantLock lock = new ReentrantLock();
  private final TreeMap<String, DirectoryCodec.Name> names = new TreeMap<>();
  private final ArrayDeque<byte[]> unsent = new ArrayDeque<>();
  private final byte[] node;
  private final long boot;
  private long version;
  private volatile Runnable wake = () -> { };

  LocalNames(byte[] node, long boot) {
    this.node = node;
    this.boot = boot;
  }

  void registered(String name, ClientKind kind) {
    lock.lock();
    try {
      DirectoryCodec.Name n = new DirectoryCodec.Name(name, kind, System.currentTimeMillis());
      names.put(name, n);
      queue(DirectoryCodec.registered(node, boot, ++version, n));
    } finally {
      lock.unlock();
    }
  }

  void unregistered(String name) {
    lock.lock();
    try {
      if (names.remove(name) != null) {
        queue(DirectoryCodec.unregistered(node, boot, ++version, name));
      }
    } finally {
      lock.unlock();
    }
  }

  /** @param w called (without waiting) whenever an announcement is queued */
  void onQueued(Runnable w) {
    wake = w;
  }

  private void queue(byte[] announcement) {
    if (unsent.size() >= MAX_QUEUED) {
      unsent.clear();
    }
    unsent.addLast(announcement);
    wake.run();
  }

  /** @return the announcements not yet sent, oldest first; the queue is empty afterwards */
  List<byte[]> takeUnsent() {
    lock.lock();
    try {
      List<byte[]> out = new ArrayList<>(unsent);
      unsent.clear();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** @return a heartbeat with the current version */
  byte[] heartbeat() {
    lock.lock();
    try {
      return DirectoryCodec.heartbeat(node, boot, version, names.size());
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param name a full name
   * @return it as registered here, or {@code null}
   */
  DirectoryCodec.Name get(String name) {
    lock.lock();
    try {
      return names.get(name);
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param after the last name of the previous page, or empty for the first
   * @param maxBytes what the page's names may take
   * @return the next page of names, in name order
   */
  byte[] page(String after, int maxBytes) {
    lock.lock();
    try {
      Map<String, DirectoryCodec.Name> rest = after.isEmpty() ? names : names.tailMap(after, false);
      List<DirectoryCodec.Name> page = new ArrayList<>();
      int bytes = 0;
      boolean more = false;
      for (DirectoryCodec.Name n : rest.values()) {
        int size = DirectoryCodec.pageEntrySize(n);
        if (bytes + size > maxBytes && !page.isEmpty()) {
          more = true;
          break;
        }
        page.add(n);
        bytes += size;
      }
      return DirectoryCodec.page(boot, version, more, page);
    } finally {
      lock.unlock();
    }
  }
}

package org.loombus.broker.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.internal.route.Router;
import org.loombus.broker.internal.write.Pacing;

/**
 * Publishes the broker's registration events (docs/protocol.md §5.6) from one thread of their
 * own, in order. That thread may be held back by a monitor whose queue is full, so a monitor that
 * reads, however slowly, paces the announcements instead of being disconnected by them; the
 * threads that register and unregister clients never wait for it. While the backlog is full, an
 * {@code unreg} cancels the queued {@code reg} of the same client (a client that came and went
 * unseen); what still does not fit is dropped and counted.
 */
final class Announcer {
  /** Events that may wait. */
  static final int BACKLOG = 4096;

  private record Event(String subject, String name, Router.Resolved publication) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition posted = lock.newCondition();
  private final Condition idle = lock.newCondition();
  private final ArrayDeque<Event> backlog = new ArrayDeque<>();
  private final InProcessClient core;
  private final Router router;
  private final LongAdder dropped = new LongAdder();
  private boolean publishing;
  private boolean stopped;

  /**
   * @param core the {@code .broker} client that publishes
   * @param router the routing of its publications
   * @param thread where the announcer's thread comes from (started here)
   */
  Announcer(InProcessClient core, Router router, ThreadFactory thread) {
    this.core = core;
    this.router = router;
    thread.newThread(this::run).start();
  }

  /**
   * Queues an event, stamped now and addressed to the monitors of now (so a client never sees
   * its own {@code reg}, as when it is published before the client's {@code 01}).
   *
   * @param subject {@code reg} or {@code unreg}
   * @param name the client's name
   */
  void post(String subject, String name) {
    Event e = new Event(subject, name, core.resolve(Announcements.INFO_TOPIC,
        Announcements.event(subject, name), router));
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      if (backlog.size() >= BACKLOG && !cancelled(e)) {
        backlog.pollFirst();
        dropped.increment();
      }
      if (backlog.size() < BACKLOG) {
        backlog.addLast(e);
        posted.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** With the lock held and the backlog full: an unreg removes its client's queued reg. */
  private boolean cancelled(Event e) {
    if (!e.subject().equals("unreg")) {
      return false;
    }
    for (Iterator<Event> it = backlog.descendingIterator(); it.hasNext(); ) {
      Event queued = it.next();
      if (queued.subject().equals("reg") && queued.name().equals(e.name())) {
        it.remove();
        dropped.add(2);
        return true;
      }
    }
    return false;
  }

  /** @return events dropped or cancelled for want of room */
  long dropped() {
    return dropped.sum();
  }

  /**
   * Waits until everything posted is published, or the deadline passes; at shutdown, before
   * the last announcement goes out.
   *
   * @param deadlineNanos {@link System#nanoTime()} to give up at
   */
  void flush(long deadlineNanos) {
    lock.lock();
    try {
      long left = deadlineNanos - System.nanoTime();
      while ((publishing || !backlog.isEmpty()) && left > 0) {
        left = idle.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the announcer's thread; what is still queued is dropped. */
  void stop() {
    lock.lock();
    try {
      stopped = true;
      backlog.clear();
      posted.signal();
      idle.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    Pacing.allowOnThisThread();
    while (true) {
      Event e;
      lock.lock();
      try {
        publishing = false;
        if (backlog.isEmpty()) {
          idle.signalAll();
        }
        while (backlog.isEmpty() && !stopped) {
          posted.awaitUninterruptibly();
        }
        if (stopped) {
          return;
        }
        e = backlog.pollFirst();
        publishing = true;
      } finally {
        lock.unlock();
      }
      core.deliver(e.publication(), router);
    }
  }
}

package org.loombus.federation.internal;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.loombus.broker.RemoteDelivery;
import org.loombus.protocol.wire.Handshake;

/**
 * Who is where (docs/federation.md#names): sends this node's announcements and heartbeats,
 * applies the other nodes', fetches a node's whole list of names whenever the view may have
 * missed a change (a new or restarted node, a gap in its versions, the link back after a loss),
 * drops nodes whose heartbeats stop, settles a primary name held by two nodes by the directory's
 * rule, and expires ACKs nobody answered. One platform thread runs the periodic part; NATS's
 * control dispatcher runs the handlers.
 */
final class Control {
  private static final System.Logger LOG = System.getLogger("org.loombus.federation");

  private final String self;
  private final long boot;
  private final Subjects subjects;
  private final Directory directory;
  private final LocalNames local;
  private final Interest interest;
  private final PendingAcks pending;
  private final Link link;
  private final Counters counters;
  private final RemoteDelivery delivery;
  private final long heartbeatNanos;
  private final long expiryNanos;
  private final Set<String> fetching = ConcurrentHashMap.newKeySet();
  private final ExecutorService fetches = Executors.newVirtualThreadPerTaskExecutor();
  private final Thread thread;
  private volatile Dispatcher data;
  private volatile boolean closed;
  private volatile boolean sameNameWarned;
  private volatile boolean beatNow;

  Control(String self, long boot, Subjects subjects, Directory directory, LocalNames local,
      Interest interest, PendingAcks pending, Link link, Counters counters,
      RemoteDelivery delivery, Duration heartbeat) {
    this.self = self;
    this.boot = boot;
    this.subjects = subjects;
    this.directory = directory;
    this.local = local;
    this.interest = interest;
    this.pending = pending;
    this.link = link;
    this.counters = counters;
    this.delivery = delivery;
    this.heartbeatNanos = heartbeat.toNanos();
    this.expiryNanos = 3 * heartbeatNanos;
    this.thread = Thread.ofPlatform().daemon().name("loombus-federation-control")
        .unstarted(this::run);
    // a name registered here is announced at once, not at the next tick
    local.onQueued(() -> LockSupport.unpark(thread));
  }

  /** Starts the periodic work. */
  void start() {
    thread.start();
  }

  /** @param d the dispatcher that holds the topic subscriptions */
  void useDataDispatcher(Dispatcher d) {
    data = d;
  }

  /** A (re)connection: tell everyone at once, and give every node a full period again. */
  void connected(boolean first) {
    if (!first) {
      directory.touchAll(System.nanoTime());
    }
    beatNow = true;
    LockSupport.unpark(thread);
  }

  private void run() {
    long nextBeat = 0;
    long tick = Math.max(10_000_000L, heartbeatNanos / 4);
    while (!closed) {
      long now = System.nanoTime();
      Connection c = link.connection();
      if (link.isUp() && c != null) {
        try {
          for (byte[] a : local.takeUnsent()) {
            c.publish(subjects.directory(), a);
          }
          if (beatNow || now - nextBeat >= 0) {
            beatNow = false;
            c.publish(subjects.directory(), local.heartbeat());
            nextBeat = now + heartbeatNanos;
          }
          Dispatcher d = data;
          if (d != null) {
            interest.apply(d);
          }
        } catch (IllegalStateException e) {
          // the link went down meanwhile; the heartbeat after reconnection says it all again
        }
        for (String gone : directory.expire(now, expiryNanos)) {
          LOG.log(Level.WARNING, "federation: node {0} left: no heartbeat for {1} ms", gone,
              expiryNanos / 1_000_000);
          pending.expireNode(gone);
        }
      }
      counters.errors.add(pending.expire(now));
      LockSupport.parkNanos(tick); // woken early by an announcement, a connection or close
    }
  }

  /** Handles the directory subject. */
  void onAnnouncement(Message m) {
    DirectoryCodec.Announcement a;
    try {
      a = DirectoryCodec.announcement(m.getData());
    } catch (Records.MalformedException e) {
      counters.errors.increment();
      return;
    }
    if (a.node().equals(self)) {
      if (a.boot() != boot && !sameNameWarned) {
        sameNameWarned = true;
        LOG.log(Level.ERROR, "federation: another node is also named {0}; node names must be"
            + " unique", self);
      }
      return;
    }
    long now = System.nanoTime();
    boolean fetch;
    List<Directory.Claim> added = new ArrayList<>(1);
    if (a.type() == DirectoryCodec.HEARTBEAT) {
      fetch = directory.heartbeat(a.node(), a.boot(), a.version(), now);
    } else {
      fetch = directory.announce(a, now, added);
    }
    settle(added);
    if (fetch) {
      fetch(a.node());
    }
  }

  /** Answers a request for a page of this node's names. */
  void onPageRequest(Message m) {
    Connection c = link.connection();
    if (m.getReplyTo() == null || c == null) {
      return;
    }
    try {
      String after = DirectoryCodec.pageRequestAfter(m.getData());
      c.publish(m.getReplyTo(), local.page(after, link.maxRecord() / 2));
    } catch (Records.MalformedException e) {
      counters.errors.increment();
    } catch (IllegalStateException e) {
      // link down: the requester asks again after its next heartbeat from here
    }
  }

  /** Fetches a node's whole list, page by page, unless a fetch of it is under way. */
  private void fetch(String node) {
    if (!fetching.add(node)) {
      return;
    }
    fetches.execute(() -> {
      try {
        fetchPages(node);
      } finally {
        fetching.remove(node);
      }
    });
  }

  private void fetchPages(String node) {
    Connection c = link.connection();
    if (c == null) {
      return;
    }
    List<DirectoryCodec.Name> names = new ArrayList<>();
    String after = "";
    long pageBoot = 0;
    long version = 0;
    for (int pages = 0; pages < 10_000; pages++) {
      DirectoryCodec.Page page;
      try {
        Message reply = c.request(subjects.snapshot(node), DirectoryCodec.pageRequest(after),
            Duration.ofSeconds(2));
        if (reply == null) {
          return; // no answer: the next heartbeat tries again
        }
        page = DirectoryCodec.page(reply.getData());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Records.MalformedException | RuntimeException e) {
        counters.errors.increment();
        return;
      }
      if (pages > 0 && (page.boot() != pageBoot || page.version() != version)) {
        return; // it changed meanwhile: its next heartbeat shows a new version, and we fetch again
      }
      pageBoot = page.boot();
      version = page.version();
      names.addAll(page.names());
      if (!page.more() || page.names().isEmpty()) {
        List<Directory.Claim> added = new ArrayList<>();
        directory.replace(node, pageBoot, version, names, System.nanoTime(), added);
        settle(added);
        return;
      }
      after = page.names().get(page.names().size() - 1).name();
    }
  }

  /**
   * A primary name now claimed by another node that is registered here too: the later claim
   * gives way (docs/federation.md#names), so the client here is disconnected if it lost.
   */
  private void settle(List<Directory.Claim> added) {
    for (Directory.Claim c : added) {
      String name = c.name().name();
      if (Handshake.isSecondary(name)) {
        continue;
      }
      DirectoryCodec.Name mine = local.get(name);
      if (mine != null && c.beats(new Directory.Claim(self, mine))) {
        LOG.log(Level.WARNING, "federation: client {0} registered on node {1} first", name,
            c.node());
        delivery.evict(name, "its name is registered on node " + c.node() + " (federation)");
      }
    }
  }

  /** Stops the periodic work and the fetches. */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
    fetches.shutdownNow();
  }
}

package org.loombus.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;

/**
 * The one thread that reads every socket client's connection in this process, and finishes the
 * writes their senders could not (docs/protocol.md §8.1 leaves the threading to the client). One
 * selector serves all connections, so a batch of answers that arrives together costs one wake-up,
 * the way the reference's single-threaded tokio client works; a thread per connection cost about
 * twice the CPU per round trip on a 2-core machine, and a connection costs no thread at all.
 *
 * <p>Before blocking after a pass that read something, the reactor polls a few more times
 * while that pays ({@link BusyPoll}).
 *
 * <p>Everything that runs here (the clients' frame handling, interceptors, completion actions)
 * must be quick and must never block. The fields of this class are touched by the reactor thread
 * only, except {@link #tasks}.
 */
final class ClientReactor {
  /** What a registered connection does when it is ready, and on every tick. */
  interface Handler {
    /** @param key its key, ready to read or write */
    void ready(SelectionKey key);

    /** @param now {@link System#nanoTime()}: time to ping, or to give up on a stalled peer */
    void tick(long now);

    /** @return how often {@link #tick} must run at least, in nanoseconds */
    long tickNanos();
  }

  private static final System.Logger LOG = System.getLogger("org.loombus.client");
  private static final ClientReactor SHARED = new ClientReactor();

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final List<Handler> handlers = new ArrayList<>();
  private long tickNanos = Long.MAX_VALUE;
  private long nextTick = Long.MAX_VALUE;
  private final BusyPoll busyPoll = new BusyPoll();
  /** Whether the last pass read from a socket, after which more input is likely. */
  private boolean readLastPass;

  private ClientReactor() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
    thread = Thread.ofPlatform().daemon().name("loombus-client-io").start(this::loop);
  }

  /** @return the reactor of this process */
  static ClientReactor shared() {
    return SHARED;
  }

  /** @return whether the caller is the reactor thread */
  boolean inReactor() {
    return Thread.currentThread() == thread;
  }

  /**
   * Runs {@code task} on the reactor thread soon (after the current batch if called from it).
   *
   * @param task quick, non-blocking work
   */
  void execute(Runnable task) {
    tasks.add(task);
    if (!inReactor()) {
      selector.wakeup();
    }
  }

  /** Makes a changed interest set take effect now rather than after the next wake-up. */
  void wakeup() {
    if (!inReactor()) {
      selector.wakeup();
    }
  }

  /**
   * Starts reading {@code channel} (non-blocking) for {@code handler}.
   *
   * @return the channel's key
   * @throws ClosedChannelException if the channel was closed meanwhile
   */
  SelectionKey register(SocketChannel channel, Handler handler) throws ClosedChannelException {
    if (inReactor()) {
      return add(channel, handler);
    }
    CompletableFuture<SelectionKey> key = new CompletableFuture<>();
    execute(() -> {
      try {
        key.complete(add(channel, handler));
      } catch (ClosedChannelException e) {
        key.completeExceptionally(e);
      }
    });
    try {
      return key.get();
    } catch (ExecutionException e) {
      throw (ClosedChannelException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedChannelException();
    }
  }

  private SelectionKey add(SocketChannel channel, Handler handler) throws ClosedChannelException {
    SelectionKey key = channel.register(selector, SelectionKey.OP_READ, handler);
    handlers.add(handler);
    if (handler.tickNanos() < tickNanos) {
      tickNanos = handler.tickNanos();
      nextTick = System.nanoTime() + tickNanos;
    }
    return key;
  }

  /** @param handler a connection that has ended: no more ticks */
  void remove(Handler handler) {
    execute(() -> {
      handlers.remove(handler);
      tickNanos = handlers.stream().mapToLong(Handler::tickNanos).min().orElse(Long.MAX_VALUE);
    });
  }

  private void loop() {
    while (true) {
      try {
        boolean pollFirst = readLastPass && busyPoll.worthTrying();
        readLastPass = false;
        if (!(pollFirst && poll()) && tasks.isEmpty()) {
          select();
        }
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
        long now = System.nanoTime();
        if (tickNanos != Long.MAX_VALUE && now - nextTick >= 0) {
          nextTick = now + tickNanos;
          for (int i = handlers.size() - 1; i >= 0; i--) {
            handlers.get(i).tick(now);
          }
        } else if (tickNanos == Long.MAX_VALUE) {
          nextTick = Long.MAX_VALUE;
        }
      } catch (IOException | RuntimeException e) {
        // A handler's own failures end its connection inside it; this is a bug, not a peer's fault.
        LOG.log(Level.ERROR, "socket client I/O thread: unexpected failure", e);
      }
    }
  }

  /** Waits for ready keys, a task, or the next tick, whichever comes first. */
  private void select() throws IOException {
    if (nextTick == Long.MAX_VALUE) {
      selector.select(this::ready);
      return;
    }
    long wait = nextTick - System.nanoTime();
    if (wait > 0) {
      selector.select(this::ready, Math.max(1, wait / 1_000_000));
    } else {
      selector.selectNow(this::ready);
    }
  }

  /**
   * A round of non-blocking polls, ended early by a ready key or a task. A task's
   * {@link Selector#wakeup} is consumed by {@link Selector#selectNow}, so the caller checks
   * {@link #tasks} afterwards rather than relying on it.
   *
   * @return whether some key was ready
   */
  private boolean poll() throws IOException {
    int n = 0;
    for (int i = 0; i < BusyPoll.POLLS && n == 0 && tasks.isEmpty(); i++) {
      n = selector.selectNow(this::ready);
    }
    busyPoll.record(n > 0);
    return n > 0;
  }

  private void ready(SelectionKey key) {
    if (key.isValid()) {
      readLastPass |= key.isReadable();
      ((Handler) key.attachment()).ready(key);
    }
  }
}

package org.loombus.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.IntConsumer;

/**
 * The outcome of a bus operation: for QoS with an ACK, the result code the broker answered; for
 * other QoS, completed at once with {@link ResultCode#OK}. Waiting parks the caller, which costs a
 * virtual thread nothing. Any number of threads may wait.
 */
public final class Confirmation {
  // Outside 0-255, so that every ACK byte, 00 included, is a result.
  private static final int PENDING = -2;
  private static final int CLOSED = -1;
  private static final Confirmation OK = new Confirmation(ResultCode.OK);

  /** State is the result code once completed; one object per confirmation, no extra latch. */
  private static final class Sync extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    Sync(int state) {
      setState(state);
    }

    @Override
    protected int tryAcquireShared(int ignored) {
      return getState() != PENDING ? 1 : -1;
    }

    @Override
    protected boolean tryReleaseShared(int code) {
      return compareAndSetState(PENDING, code);
    }

    int result() {
      return getState();
    }
  }

  /** Result code a {@link #whenComplete} action gets when the connection ended first. */
  public static final int CLOSED_CODE = CLOSED;
  /** Marks {@link #action} as taken by whoever runs it, so it runs exactly once. */
  private static final IntConsumer TAKEN = code -> { };

  private static final VarHandle ACTION;

  static {
    try {
      ACTION = MethodHandles.lookup()
          .findVarHandle(Confirmation.class, "action", IntConsumer.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Sync sync;
  /** The {@link #whenComplete} action; a field with a VarHandle, not one more object per frame. */
  private volatile IntConsumer action;

  private Confirmation(int state) {
    this.sync = new Sync(state);
  }

  /**
   * @param code a result code
   * @return a confirmation already completed with that code
   */
  public static Confirmation completed(int code) {
    return code == ResultCode.OK ? OK : new Confirmation(code);
  }

  /** @return a confirmation completed later by {@link #complete} or {@link #close} */
  public static Confirmation pending() {
    return new Confirmation(PENDING);
  }

  /**
   * Completes the confirmation; later calls have no effect.
   *
   * @param code the result code
   * @return whether this call completed it
   */
  public boolean complete(int code) {
    if (!sync.releaseShared(code & 0xFF)) {
      return false;
    }
    runAction();
    return true;
  }

  /** Fails the confirmation because the connection ended before the result arrived. */
  public void close() {
    if (sync.releaseShared(CLOSED)) {
      runAction();
    }
  }

  /**
   * Runs {@code then} once the result is known: at once if it is, else on the thread that
   * completes the confirmation (a socket client's reader), so it must be quick and never block.
   * One action per pending confirmation.
   *
   * @param then gets the result code, or {@link #CLOSED_CODE} if the connection ended first
   * @throws IllegalStateException if an action was set before
   */
  public void whenComplete(IntConsumer then) {
    if (!isDone() && ACTION.compareAndSet(this, null, then)) {
      // stored: the completer runs it, unless it completed meanwhile and left it to us
      if (!isDone() || !ACTION.compareAndSet(this, then, TAKEN)) {
        return;
      }
    } else if (!isDone()) {
      throw new IllegalStateException("a completion action is already set");
    }
    then.accept(sync.result());
  }

  private void runAction() {
    IntConsumer a = (IntConsumer) ACTION.getAndSet(this, TAKEN);
    if (a != null && a != TAKEN) {
      a.accept(sync.result());
    }
  }

  /** @return whether the result is known (or the client closed) */
  public boolean isDone() {
    return sync.result() != PENDING;
  }

  /**
   * Waits for the result.
   *
   * @return the result code
   * @throws InterruptedException if interrupted while waiting
   * @throws ClientClosedException if the connection ended before the result arrived
   */
  public int await() throws InterruptedException {
    sync.acquireSharedInterruptibly(0);
    return result();
  }

  /**
   * Waits at most {@code timeout} for the result.
   *
   * @param timeout how long to wait
   * @return the result code, or {@link ResultCode#TIMEOUT} if none arrived in time
   * @throws InterruptedException if interrupted while waiting
   * @throws ClientClosedException if the connection ended before the result arrived
   */
  public int await(Duration timeout) throws InterruptedException {
    if (!sync.tryAcquireSharedNanos(0, TimeUnit.NANOSECONDS.convert(timeout))) {
      return ResultCode.TIMEOUT;
    }
    return result();
  }

  /**
   * Waits for the result and fails unless it is OK.
   *
   * @throws InterruptedException if interrupted while waiting
   * @throws BusException if the result is not {@link ResultCode#OK}
   */
  public void check() throws InterruptedException {
    int code = await();
    if (code != ResultCode.OK) {
      throw new BusException(code, "operation failed");
    }
  }

  private int result() {
    int r = sync.result();
    if (r == CLOSED) {
      throw new ClientClosedException("connection closed before the result arrived");
    }
    return r;
  }
}

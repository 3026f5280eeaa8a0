package org.loombus.protocol;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

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

  private final Sync sync;

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
    return sync.releaseShared(code & 0xFF);
  }

  /** Fails the confirmation because the connection ended before the result arrived. */
  public void close() {
    sync.releaseShared(CLOSED);
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

package org.loombus.cli;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One benchmark worker: a fixed number of operations, each started when the one before it has
 * completed, with one in flight at a time (docs/protocol.md §10.2) but no thread of its own. An
 * operation completes on whichever thread learns its outcome (the socket clients' I/O thread, or at
 * once); a trampoline keeps the stack flat when operations complete inside {@link #issue}.
 */
abstract class OperationChain {
  private final long total;
  private final StageRun run;
  private final AtomicInteger wip = new AtomicInteger();
  /** Ordered by {@link #wip}: touched only inside {@link #resume}'s loop or a completion. */
  private long done;

  /**
   * @param total operations to run
   * @param run the stage, told of progress, failures and the end
   */
  OperationChain(long total, StageRun run) {
    this.total = total;
    this.run = run;
  }

  /** Starts the next operation; it must end in exactly one call of {@link #completed}. */
  abstract void issue();

  /**
   * Records an operation's outcome and goes on with the next.
   *
   * @param failure why it failed, or {@code null}
   */
  final void completed(Throwable failure) {
    if (failure != null) {
      run.fail(failure);
      return;
    }
    done++;
    run.progress();
    resume();
  }

  /** Starts (or goes on with) the chain; returns when an operation is left in flight. */
  final void resume() {
    if (wip.getAndIncrement() != 0) {
      return; // a completion inside issue(): the loop below goes on
    }
    do {
      if (done == total) {
        run.finished();
      } else if (!run.failed()) {
        issue();
      }
    } while (wip.decrementAndGet() != 0);
  }
}

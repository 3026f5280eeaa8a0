package org.loombus.daemon;

import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT of the daemon. The first starts the orderly stop, which may take up to T
 * while clients' queued frames are flushed; a second one ends the process at once, with status
 * 128 + the signal's number, for an operator (or a service manager) who will not wait.
 */
final class StopSignals {
  private static final System.Logger LOG = System.getLogger("org.loombus.daemon");
  private final CountDownLatch first = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();

  private StopSignals() {}

  /**
   * Takes over SIGTERM and SIGINT from the JVM's default handling.
   *
   * @return the handler, to wait on
   */
  public static StopSignals install() {
    StopSignals signals = new StopSignals();
    Signal.handle(new Signal("TERM"), signals::onSignal);
    Signal.handle(new Signal("INT"), signals::onSignal);
    return signals;
  }

  private void onSignal(Signal signal) {
    if (stopping.compareAndSet(false, true)) {
      first.countDown();
      return;
    }
    LOG.log(Level.WARNING, "second SIG" + signal.getName()
        + " while stopping: exiting at once, queued frames are not flushed");
    Runtime.getRuntime().halt(128 + signal.getNumber());
  }

  /**
   * Waits for the first signal.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void await() throws InterruptedException {
    first.await();
  }
}

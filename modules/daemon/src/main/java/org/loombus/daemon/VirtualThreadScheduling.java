package org.loombus.daemon;

/**
 * How many carrier threads run the daemon's virtual threads ({@code -w}), and how many JDK
 * pollers wait for their sockets. Both are JDK system properties that the JDK reads once, when it
 * creates the scheduler (first virtual thread) and the pollers (first blocking socket operation
 * of a virtual thread), so {@link #configure} must run before either.
 *
 * <p>Carriers default to the JDK's one per CPU. Measured on a 2-CPU machine with the clients on
 * it too ({@code ./dev perf}): {@code -w 1} changed the acknowledged and RPC stages of
 * {@code loombus benchmark -w 8} by -3 to +11 % (3-43 % more before the tool's client polled
 * briefly before sleeping, when a second carrier was mostly woken for one frame), but a lone
 * client's QoS-1 round trip p99 rose from 130 to 222 µs and a lone RPC caller fell from 0.94-0.96
 * to 0.70 of a raw ping-pong, as a request then crosses to the one carrier on the other CPU,
 * which has to be woken.
 *
 * <p>One read poller instead of the JDK's one per CPU finds more ready sockets per wake-up: with
 * the reader's yield (see the broker's FrameReader) the acknowledged and RPC stages ran 23-58 %
 * faster.
 */
final class VirtualThreadScheduling {
  private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
  private static final String READ_POLLERS = "jdk.readPollers";

  private VirtualThreadScheduling() {}

  /**
   * Sets the scheduling properties. An explicit {@code -w} wins over a {@code -D} option given to
   * the JVM; otherwise such an option, or the JDK's default, stays.
   *
   * @param workers {@code -w}, or 0 if not given
   * @return the carrier count the JDK will use
   * @throws IllegalArgumentException naming the property if a {@code -D} option given to the JVM
   *     is not a positive whole number (the JDK would fail on it with a stack trace)
   */
  public static int configure(int workers) {
    if (workers > 0) {
      System.setProperty(PARALLELISM, Integer.toString(workers));
    }
    if (System.getProperty(READ_POLLERS) == null) {
      System.setProperty(READ_POLLERS, "1");
    }
    String parallelism = System.getProperty(PARALLELISM);
    if (parallelism == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(parallelism);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + PARALLELISM + ": '" + parallelism
        + "' is not a positive whole number");
  }
}

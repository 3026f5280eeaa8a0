package org.loombus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/** What the tests that run {@code loombusd} as a process share. */
public final class DaemonRuns {
  /** Generous: a daemon's JVM starts slowly on a loaded machine. */
  public static final Duration EXIT_WAIT = Duration.ofSeconds(20);

  private DaemonRuns() {}

  /** @return a loopback port nothing listens on right now */
  public static int freePort() {
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(new InetSocketAddress("127.0.0.1", 0));
      return ((InetSocketAddress) probe.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the daemon to its exit and asserts the status and one line of output naming what was
   * wrong.
   */
  public static void assertFailsNaming(int status, String what, String... args) {
    try (DaemonProcess d = DaemonProcess.start(null, args)) {
      assertEquals(status, d.awaitExit(EXIT_WAIT), d.output());
      String out = d.output();
      assertEquals(1, out.lines().count(), "one line expected:\n" + out);
      assertTrue(out.contains(what), "the line does not name " + what + ": " + out);
    }
  }
}

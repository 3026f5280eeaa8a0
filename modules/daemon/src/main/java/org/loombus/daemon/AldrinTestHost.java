package org.loombus.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.server.BindAddress;
import org.tinylog.configuration.Configuration;

/**
 * {@code bin/loombus-aldrin-test-host}: the broker process that aldrin-conformance-tester runs. It
 * serves Aldrin on one TCP listener on 127.0.0.1 with a port the system picks, prints that port
 * as the first line of standard output, serves until standard input is closed, then shuts the
 * clients down and exits with status 0. Its log goes to standard error, which the tester collects,
 * because nobody reads standard output after the port.
 */
public final class AldrinTestHost {
  private static final String ADDRESS = "127.0.0.1:0";

  private AldrinTestHost() {}

  /**
   * @param args none are taken
   * @throws IOException if the listener cannot be bound
   */
  public static void main(String[] args) throws IOException {
    // loombusd's scheduling, so that what the tester and ./dev aldrin-perf see is what
    // loombusd --aldrin runs
    VirtualThreadScheduling.configure(0);
    Configuration.replace(Map.of("writer", "console", "writer.stream", "err",
        "writer.format", Logging.FORMAT, "level", "info", "writingthread", "false"));
    try (AldrinFront front = AldrinFront.open(List.of(BindAddress.parse(ADDRESS)),
        AldrinBroker.start(AldrinBrokerConfig.defaults()), null, null)) {
      System.out.println(front.tcpAddress(ADDRESS).getPort());
      System.out.flush();
      drain(System.in);
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[512];
    while (in.read(buf) >= 0) {
      // only the end of the stream matters
    }
  }
}

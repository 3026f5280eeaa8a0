package org.loombus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.loombus.client.BusClients;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;

/**
 * What every command needs: the global options, the streams, and a way to connect.
 *
 * @param client the connection settings of the tool's own client (the broker, the name, the
 *     timeout, the buffer and queue sizes)
 * @param silent results as raw data for scripts (busrt's {@code -s}), see {@link Payloads#raw}
 * @param out standard output
 * @param err standard error
 * @param in standard input
 */
record Cli(ClientConfig client, boolean silent, PrintStream out, PrintStream err,
    InputStream in) {

  static final String DEFAULT_SOCKET = "/tmp/loombus.sock";

  static String defaultName() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = Files.readString(Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
    }
    return "cli." + host + "." + ProcessHandle.current().pid();
  }

  String socket() {
    return client.address();
  }

  String name() {
    return client.name();
  }

  Duration timeout() {
    return client.timeout();
  }

  BusClient connect() throws CliException {
    return connect(name());
  }

  BusClient connect(String clientName) throws CliException {
    try {
      return BusClients.connect(client.toBuilder().name(clientName).build());
    } catch (BusException e) {
      throw CliException.failed("cannot register " + clientName + " at " + socket() + ": "
          + e.getMessage());
    } catch (RuntimeException e) {
      throw CliException.failed(e.getMessage());
    }
  }

  /** Prints a call's result: shown for people, or raw for scripts when {@code -s} was given. */
  void printResult(byte[] payload) {
    if (silent) {
      out.writeBytes(Payloads.raw(payload));
      out.flush();
    } else {
      out.println(Payloads.show(payload));
    }
  }
}

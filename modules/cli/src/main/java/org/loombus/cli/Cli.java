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
 * @param socket the broker: a Unix socket path or host:port
 * @param name this client's name
 * @param timeout for connecting and for every awaited operation
 * @param out standard output
 * @param err standard error
 * @param in standard input
 */
record Cli(String socket, String name, Duration timeout, PrintStream out, PrintStream err,
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

  BusClient connect() throws CliException {
    return connect(name);
  }

  BusClient connect(String clientName) throws CliException {
    try {
      return BusClients.connect(ClientConfig.builder(socket, clientName).timeout(timeout).build());
    } catch (BusException e) {
      throw CliException.failed("cannot register " + clientName + " at " + socket + ": "
          + e.getMessage());
    } catch (RuntimeException e) {
      throw CliException.failed(e.getMessage());
    }
  }
}

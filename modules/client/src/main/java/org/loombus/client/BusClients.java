package org.loombus.client;

import org.loombus.client.internal.SocketClient;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;

/**
 * Connects socket clients to a broker. The returned {@link BusClient} is thread-safe and meant to
 * be used from virtual threads: it never pins a carrier (locks, not {@code synchronized}). Every
 * socket client of the process is read by one shared I/O thread, so a connection costs no thread
 * of its own; interceptors and completion actions run on that thread and must not block.
 *
 * <pre>{@code
 * try (BusClient client = BusClients.connect("/tmp/loombus.sock", "app.worker")) {
 *   client.subscribe("news/#", Qos.PROCESSED).check();
 *   client.send("app.logger", "hello".getBytes(UTF_8), Qos.PROCESSED).check();
 *   Frame f = client.receive();
 * }
 * }</pre>
 */
public final class BusClients {
  private BusClients() {}

  /**
   * Connects, runs the handshake and registers the client (docs/protocol.md §1.2).
   *
   * @param config address, name, timeout and queue size
   * @return the registered client
   * @throws BusException with the broker's status byte if it refuses (e.g. {@code 76} for a name
   *     already registered, {@code 72} for an invalid name, {@code 71} for a secondary whose
   *     primary is absent)
   * @throws java.io.UncheckedIOException wrapping the {@link java.io.IOException} if the broker
   *     cannot be reached or does not complete the handshake within the timeout
   */
  public static BusClient connect(ClientConfig config) {
    return SocketClient.connect(config);
  }

  /**
   * Connects with the default timeout (1 s) and queue size (8192).
   *
   * @param address Unix socket path or TCP {@code host:port}
   * @param name the client name
   * @return the registered client
   * @throws BusException if the broker refuses the client
   * @throws java.io.UncheckedIOException if the broker cannot be reached in time
   */
  public static BusClient connect(String address, String name) {
    return connect(ClientConfig.builder(address, name).build());
  }
}

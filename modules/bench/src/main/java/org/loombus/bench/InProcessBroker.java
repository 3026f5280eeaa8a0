package org.loombus.bench;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;

/**
 * A broker in this JVM on a Unix socket in a temporary directory, configured like loombusd's
 * defaults (T = 5 s, queue 8192 frames, 16 KiB buffers). Closing it shuts the broker down and
 * removes the socket.
 */
final class InProcessBroker implements AutoCloseable {
  private final Path dir;
  private final Path socket;
  private final Broker broker;
  private final BrokerServer server;

  private InProcessBroker(Path dir, Path socket, Broker broker, BrokerServer server) {
    this.dir = dir;
    this.socket = socket;
    this.broker = broker;
    this.server = server;
  }

  /**
   * @return the running broker
   * @throws IOException if the socket cannot be bound
   */
  static InProcessBroker start() throws IOException {
    QuietLog.apply();
    Path dir = Files.createTempDirectory("loombus-bench");
    Path socket = dir.resolve("broker.sock");
    Broker broker = Broker.create(BrokerConfig.builder()
        .timeout(Duration.ofSeconds(5))
        .queueSize(8192)
        .bufSize(16384)
        .build());
    try {
      BrokerServer server =
          BrokerServer.start(broker.handle(), List.of(BindAddress.parse(socket.toString())));
      return new InProcessBroker(dir, socket, broker, server);
    } catch (IOException | RuntimeException e) {
      broker.close();
      Files.deleteIfExists(dir);
      throw e;
    }
  }

  /** @return the broker's socket */
  UnixDomainSocketAddress address() {
    return UnixDomainSocketAddress.of(socket);
  }

  @Override
  public void close() throws IOException {
    server.close();
    broker.close();
    Files.deleteIfExists(socket);
    Files.deleteIfExists(dir);
  }
}

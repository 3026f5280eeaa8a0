package org.loombus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.loombus.broker.AaaMap;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.service.CoreRpc;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;

/**
 * A real broker in this JVM, with the {@code .broker} core RPC, listening on a fresh Unix socket (in a temporary directory) and on an
 * ephemeral loopback TCP port. Closing it shuts the broker down and removes the socket file.
 */
public final class TestBroker implements AutoCloseable {
  private final Path dir;
  private final Path socket;
  private final Broker broker;
  private final BrokerServer server;
  private final InetSocketAddress tcp;

  private TestBroker(Path dir, Path socket, Broker broker, BrokerServer server) {
    this.dir = dir;
    this.socket = socket;
    this.broker = broker;
    this.server = server;
    this.tcp = server.tcpAddress("127.0.0.1:0");
  }

  /** @return a broker with the library defaults (T = 1 s) */
  public static TestBroker start() {
    return start(b -> b);
  }

  /**
   * @param settings adjusts the default configuration, e.g. {@code b -> b.queueSize(4)}
   * @return the running broker
   */
  public static TestBroker start(UnaryOperator<BrokerConfig.Builder> settings) {
    return start(settings, null);
  }

  /**
   * @param settings adjusts the default configuration
   * @param aaa access rules for both listeners, or {@code null}
   * @return the running broker
   */
  public static TestBroker start(UnaryOperator<BrokerConfig.Builder> settings, AaaMap aaa) {
    try {
      Path dir = Files.createTempDirectory("loombus-test");
      Path socket = dir.resolve("broker.sock");
      Broker broker = Broker.create(settings.apply(BrokerConfig.builder()).build());
      if (broker.handle().config().coreClient()) {
        CoreRpc.install(broker.handle());
      }
      BrokerServer server = BrokerServer.builder(broker.handle())
          .bind(List.of(BindAddress.parse(socket.toString()), BindAddress.parse("127.0.0.1:0")))
          .aaa(aaa)
          .start();
      return new TestBroker(dir, socket, broker, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the broker's handle */
  public BrokerHandle handle() {
    return broker.handle();
  }

  /** @return the Unix socket file */
  public Path socketPath() {
    return socket;
  }

  /** @return the Unix socket address */
  public UnixDomainSocketAddress unix() {
    return UnixDomainSocketAddress.of(socket);
  }

  /** @return the TCP address */
  public InetSocketAddress tcp() {
    return tcp;
  }

  /**
   * @param name client name
   * @return a client registered over the Unix socket
   */
  public RawClient registerUnix(String name) {
    return RawClient.register(unix(), name);
  }

  /**
   * @param name client name
   * @return a client registered over TCP
   */
  public RawClient registerTcp(String name) {
    return RawClient.register(tcp, name);
  }

  @Override
  public void close() {
    server.close();
    broker.close();
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}

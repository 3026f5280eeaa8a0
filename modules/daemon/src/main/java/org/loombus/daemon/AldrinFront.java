package org.loombus.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.broker.BrokerConfig;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;

/**
 * The Aldrin bus of the daemon ({@code --aldrin}): an {@link AldrinBroker} behind the same Unix
 * and TCP listeners as BUS/RT's (the server module's {@link BrokerServer} with an Aldrin {@code
 * ConnectionServer}), so accepting, socket files and their permissions work alike.
 */
final class AldrinFront implements AutoCloseable {
  /** Frames up to this long when --payload-size-limit is 0 (unlimited for BUS/RT). */
  static final int DEFAULT_FRAME_LIMIT = 16 << 20;

  private final AldrinBroker broker;
  private final BrokerServer server;

  private AldrinFront(AldrinBroker broker, BrokerServer server) {
    this.broker = broker;
    this.server = server;
  }

  /**
   * The BUS/RT settings that have an Aldrin meaning: the payload limit bounds frames (body plus
   * the 4-byte length prefix), the queue limits and thread factory are per client alike, the
   * stall timeout is the write deadline and the timeout T bounds the handshake.
   *
   * @param c the daemon's broker settings
   * @param maxEntries the most entries one Aldrin client may hold ({@code --aldrin-max-entries})
   * @return the Aldrin broker's
   */
  static AldrinBrokerConfig config(BrokerConfig c, int maxEntries) {
    int frames = c.payloadSizeLimit() == 0 ? DEFAULT_FRAME_LIMIT
        : (int) Math.min(c.payloadSizeLimit() + 4, Integer.MAX_VALUE - 8);
    return AldrinBrokerConfig.defaults()
        .withThreads(c.threadFactory())
        .withMaxFrameLength(frames)
        .withQueue(c.queueSize(), Math.max(c.queueBytes(), frames))
        .withWriteDeadline(c.stallTimeout())
        .withHandshakeTimeout(c.timeout())
        .withMaxEntriesPerClient(maxEntries);
  }

  /**
   * Binds every address for a running broker, which the front then owns: it is shut down when
   * the front closes or when an address cannot be bound. The broker is started by the caller so
   * that the metrics and JMX can be given it before any listener accepts.
   *
   * @param addresses Unix or TCP addresses
   * @param broker the running Aldrin broker
   * @param mode permissions of Unix socket files, or null
   * @param group group of Unix socket files, or null
   * @return the running front
   * @throws IOException with a one-line reason naming the address that failed
   */
  static AldrinFront open(List<BindAddress> addresses, AldrinBroker broker,
      Set<PosixFilePermission> mode, String group) throws IOException {
    try {
      BrokerServer server = BrokerServer
          .builder(broker.config().threads(), t -> broker.serve(t, t.describePeer()))
          .bind(addresses)
          .socketMode(mode)
          .socketGroup(group)
          .start();
      return new AldrinFront(broker, server);
    } catch (IOException | RuntimeException e) {
      broker.shutdown();
      throw e;
    }
  }

  /**
   * @param text a TCP bind string as given
   * @return its bound address (the real port when 0 was asked)
   */
  InetSocketAddress tcpAddress(String text) {
    return server.tcpAddress(text);
  }

  /** Stops accepting, then shuts the Aldrin clients down (each gets Shutdown). */
  @Override
  public void close() {
    server.close();
    broker.shutdown();
  }
}

package org.loombus.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.server.internal.SocketListener;

/**
 * The socket listeners of one broker. Every listener shares the broker's registry; each accepted
 * client is served by its own thread from the broker's thread factory.
 */
public final class BrokerServer implements AutoCloseable {
  private final List<SocketListener> listeners;

  private BrokerServer(List<SocketListener> listeners) {
    this.listeners = listeners;
  }

  /**
   * Binds every address, then starts accepting on all of them. If one cannot be bound, the ones
   * already bound are closed again.
   *
   * @param broker the broker to serve
   * @param addresses Unix or TCP addresses (FIFO addresses are not listeners and are refused)
   * @return the running server
   * @throws IOException with a one-line reason naming the address that failed
   */
  public static BrokerServer start(BrokerHandle broker, List<BindAddress> addresses)
      throws IOException {
    return start(broker, addresses, null);
  }

  /**
   * As {@link #start(BrokerHandle, List)}, with access control (spec §6) on every listener.
   *
   * @param broker the broker to serve
   * @param addresses Unix or TCP addresses
   * @param aaa the access rules, changeable while running; {@code null} for none
   * @return the running server
   * @throws IOException with a one-line reason naming the address that failed
   */
  public static BrokerServer start(BrokerHandle broker, List<BindAddress> addresses, AaaMap aaa)
      throws IOException {
    List<SocketListener> bound = new ArrayList<>();
    try {
      for (BindAddress a : addresses) {
        if (a.kind() == BindAddress.Kind.FIFO) {
          throw new IOException("FIFO command channels are not supported yet: " + a);
        }
        bound.add(SocketListener.bind(a, broker, aaa));
      }
    } catch (IOException | RuntimeException e) {
      bound.forEach(SocketListener::close);
      throw e;
    }
    for (SocketListener l : bound) {
      broker.config().threadFactory().newThread(l::acceptLoop).start();
    }
    return new BrokerServer(List.copyOf(bound));
  }

  /**
   * @param text the bind string as given
   * @return the actual TCP address of that listener (useful with port 0)
   */
  public InetSocketAddress tcpAddress(String text) {
    return listeners.stream()
        .filter(l -> l.address().text().equals(text))
        .map(SocketListener::tcpAddress)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no TCP listener " + text));
  }

  /** Stops accepting and removes Unix socket files. Connected clients are left to the broker. */
  @Override
  public void close() {
    listeners.forEach(SocketListener::close);
  }
}

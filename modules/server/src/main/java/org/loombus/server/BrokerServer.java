package org.loombus.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.server.internal.BusRtServing;
import org.loombus.server.internal.SocketListener;
import org.loombus.server.internal.ws.WebSocketAcceptor;

/**
 * The Unix, TCP and WebSocket listeners of one broker. Every listener shares the broker's registry; each
 * accepted client is served by its own thread from the broker's thread factory. It opens
 * listeners and nothing else: no logging set-up, no signals, no files beyond its sockets. The
 * same listeners serve another protocol's front-end through {@link #builder(ThreadFactory,
 * ConnectionServer)}.
 */
public final class BrokerServer implements AutoCloseable {
  private final List<SocketListener> listeners;

  private BrokerServer(List<SocketListener> listeners) {
    this.listeners = listeners;
  }

  /**
   * Binds Unix, TCP and {@code ws://} listeners without access control and starts accepting.
   *
   * @param broker the broker to serve
   * @param addresses Unix, TCP or {@code ws://} addresses
   * @return the running server
   * @throws IOException with a one-line reason naming the address that failed
   */
  public static BrokerServer start(BrokerHandle broker, List<BindAddress> addresses)
      throws IOException {
    return builder(broker).bind(addresses).start();
  }

  /**
   * @param broker the BUS/RT broker to serve
   * @return a builder for listeners with access control and Unix socket permissions
   */
  public static Builder builder(BrokerHandle broker) {
    return new Builder(broker, broker.config().threadFactory(), null);
  }

  /**
   * @param threads where each connection's thread comes from
   * @param connections what serves each accepted connection
   * @return a builder for listeners of any protocol (access rules do not apply)
   */
  public static Builder builder(ThreadFactory threads, ConnectionServer connections) {
    return new Builder(null, threads, connections);
  }

  /** Settings of a {@link BrokerServer}. */
  public static final class Builder {
    private final BrokerHandle broker;
    private final ThreadFactory threads;
    private final ConnectionServer connections;
    private final List<BindAddress> addresses = new ArrayList<>();
    private AaaMap aaa;
    private Set<PosixFilePermission> socketMode;
    private String socketGroup;
    private SSLContext tls;

    private Builder(BrokerHandle broker, ThreadFactory threads, ConnectionServer connections) {
      this.broker = broker;
      this.threads = threads;
      this.connections = connections;
    }

    /**
     * @param more Unix, TCP or WebSocket addresses to listen on
     * @return this builder
     * @throws IllegalArgumentException for a FIFO address: a command channel is no listener
     */
    public Builder bind(List<BindAddress> more) {
      for (BindAddress a : more) {
        if (a.kind() == BindAddress.Kind.FIFO) {
          throw new IllegalArgumentException(a + " is a FIFO command channel, not a listener");
        }
      }
      addresses.addAll(more);
      return this;
    }

    /**
     * @param rules access rules (docs/protocol.md §6) for every listener, changeable while running
     * @return this builder
     * @throws IllegalStateException for listeners of another protocol than BUS/RT
     */
    public Builder aaa(AaaMap rules) {
      if (broker == null && rules != null) {
        throw new IllegalStateException("access rules are BUS/RT's");
      }
      aaa = rules;
      return this;
    }

    /**
     * @param mode permissions of the Unix socket files, e.g. from
     *     {@code PosixFilePermissions.fromString("rw-rw----")}; {@code null} leaves the umask's
     * @return this builder
     */
    public Builder socketMode(Set<PosixFilePermission> mode) {
      socketMode = mode;
      return this;
    }

    /**
     * @param group owning group of the Unix socket files, or {@code null} to leave it
     * @return this builder
     */
    public Builder socketGroup(String group) {
      socketGroup = group;
      return this;
    }

    /**
     * @param context the server certificate and key of every {@code wss://} listener, or
     *     {@code null}
     * @return this builder
     */
    public Builder tls(SSLContext context) {
      tls = context;
      return this;
    }

    /**
     * Binds every address, then starts accepting on all of them. If one cannot be bound, the
     * ones already bound are closed again.
     *
     * @return the running server
     * @throws IOException with a one-line reason naming the address that failed
     * @throws IllegalStateException for a {@code wss://} address without {@link #tls}, or a
     *     WebSocket address of another protocol than BUS/RT
     */
    public BrokerServer start() throws IOException {
      ConnectionServer serving = broker != null ? new BusRtServing(broker, aaa) : connections;
      for (BindAddress a : addresses) {
        if (a.kind() == BindAddress.Kind.WEBSOCKET && broker == null) {
          throw new IllegalStateException(a + ": WebSocket listeners serve BUS/RT only");
        }
        if (a.tls() && tls == null) {
          throw new IllegalStateException(a + ": a wss:// listener needs a TLS certificate");
        }
      }
      List<SocketListener> bound = new ArrayList<>();
      try {
        for (BindAddress a : addresses) {
          WebSocketAcceptor ws = a.kind() != BindAddress.Kind.WEBSOCKET ? null
              : new WebSocketAcceptor(a, a.tls() ? tls : null, broker.config(), threads);
          bound.add(SocketListener.bind(a, threads, serving, socketMode, socketGroup, ws));
        }
      } catch (IOException | RuntimeException e) {
        bound.forEach(SocketListener::close);
        throw e;
      }
      for (SocketListener l : bound) {
        threads.newThread(l::acceptLoop).start();
      }
      return new BrokerServer(List.copyOf(bound));
    }
  }

  /**
   * @param text the bind string as given
   * @return the actual TCP address of that TCP or WebSocket listener (useful with port 0)
   */
  public InetSocketAddress tcpAddress(String text) {
    return listeners.stream()
        .filter(l -> l.address().text().equals(text))
        .map(SocketListener::tcpAddress)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no TCP listener " + text));
  }

  /** Stops accepting and removes the socket files. Connected clients are left to the broker. */
  @Override
  public void close() {
    listeners.forEach(SocketListener::close);
  }
}

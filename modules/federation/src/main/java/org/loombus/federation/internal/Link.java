package org.loombus.federation.internal;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.loombus.federation.FederationConfig;
import org.loombus.federation.FederationException;

/**
 * The node's one NATS connection: its options (servers, authentication, TLS, and the timings that
 * notice a dead server within seconds), connecting in the background so that the local bus runs
 * whether NATS is there or not, and the link's state as NATS reports it. The NATS client itself
 * reconnects, to any server of the cluster, and subscribes again.
 */
public final class Link implements ConnectionListener, ErrorListener {
  private static final System.Logger LOG = System.getLogger("org.loombus.federation");
  /** Room kept in each NATS message for the envelope of a data message. */
  private static final int ENVELOPE_ROOM = 128;

  private final Options options;
  private final Counters counters;
  private final BiConsumer<Connection, Boolean> onConnected;
  private final Runnable onDisconnected;
  private volatile Connection connection;
  private volatile boolean up;
  private volatile boolean closed;

  /**
   * @param config the settings
   * @param counters where reconnections are counted
   * @param onConnected told of every (re)connection, with whether it is the first
   * @param onDisconnected told of every loss of the link
   * @throws FederationException if a file of the settings cannot be read or used
   */
  Link(FederationConfig config, Counters counters, BiConsumer<Connection, Boolean> onConnected,
      Runnable onDisconnected) throws FederationException {
    this.counters = counters;
    this.onConnected = onConnected;
    this.onDisconnected = onDisconnected;
    Options.Builder b = new Options.Builder()
        .servers(config.servers().toArray(new String[0]))
        .connectionName("loombus-" + config.node())
        .noEcho() // a node never gets back what it sent (docs/federation.md#loops)
        .noRandomize() // the servers in the order given: a node uses the nearest first
        .maxReconnects(-1)
        .reconnectWait(Duration.ofMillis(250))
        .connectionTimeout(Duration.ofSeconds(5)) // a TLS handshake on a busy host takes its time
        .pingInterval(Duration.ofSeconds(1)) // a cut link is noticed after two unanswered pings
        .maxPingsOut(2)
        .maxMessagesInOutgoingQueue(65_536)
        .bufferSize(256 * 1024) // room for several batches of frames per socket write
        .connectionListener(this)
        .errorListener(this);
    if (Runtime.version().feature() >= 24) {
      // The NATS client's reader, writer and dispatcher as virtual threads: a frame handed between
      // them and the clients' own virtual threads is then a task for a carrier that is often
      // already awake, not the wake-up of a sleeping thread; cross-node RPC calls ran 1.2 times
      // faster (docs/federation.md#figures). Before JDK 24 a virtual thread blocking inside
      // synchronized, as the NATS client does, would hold its carrier, so there it keeps its own.
      b.executor(Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("loombus-" + config.node() + "-nats-", 0).factory()));
    }
    if (config.tokenFile() != null) {
      try {
        b.token(Files.readString(config.tokenFile(), StandardCharsets.UTF_8).trim().toCharArray());
      } catch (IOException e) {
        throw new FederationException("--federate-token-file: cannot read " + config.tokenFile()
            + ": " + e.getMessage());
      }
    }
    if (config.credentials() != null) {
      try {
        b.authHandler(CredentialsAuth.read(config.credentials()));
      } catch (IOException | IllegalArgumentException e) {
        throw new FederationException("--federate-creds: " + config.credentials() + ": "
            + e.getMessage());
      }
    }
    if (config.tls()) {
      try {
        b.sslContext(TlsFiles.context(config.tlsCa(), config.tlsCert(), config.tlsKey()));
      } catch (IOException e) {
        throw new FederationException("--federate-tls: " + e.getMessage());
      }
    }
    this.options = b.build();
  }

  /** Starts connecting in the background; returns at once. */
  void start() {
    try {
      Nats.connectAsynchronously(options, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** @return whether the link is up now */
  boolean isUp() {
    return up;
  }

  /** @return the connection once first made, else {@code null} */
  Connection connection() {
    return connection;
  }

  /** @return the URL of the server connected to, or the empty string */
  String server() {
    Connection c = connection;
    String url = up && c != null ? c.getConnectedUrl() : null;
    return url == null ? "" : url;
  }

  /** @return the largest record a NATS message of the connected servers carries */
  int maxRecord() {
    Connection c = connection;
    long max = c == null ? 1 << 20 : c.getMaxPayload();
    return (int) Math.min(Integer.MAX_VALUE, max - ENVELOPE_ROOM);
  }

  @Override
  public void connectionEvent(Connection c, Events type) {
    switch (type) {
      case CONNECTED -> {
        connection = c;
        up = true;
        LOG.log(Level.INFO, "federation: connected to {0}", c.getConnectedUrl());
        onConnected.accept(c, true);
      }
      case RECONNECTED -> {
        up = true;
        counters.reconnects.increment();
        LOG.log(Level.INFO, "federation: reconnected to {0}", c.getConnectedUrl());
        onConnected.accept(c, false);
      }
      case DISCONNECTED -> {
        if (up) {
          LOG.log(Level.WARNING, "federation: link to NATS lost; remote sends fail with 73 until"
              + " it is back");
        }
        up = false;
        onDisconnected.run();
      }
      case CLOSED -> {
        up = false;
        onDisconnected.run();
      }
      default -> { }
    }
  }

  @Override
  public void errorOccurred(Connection conn, String error) {
    if (!closed) {
      LOG.log(Level.WARNING, "federation: NATS server says: {0}", error);
    }
  }

  @Override
  public void exceptionOccurred(Connection conn, Exception exp) {
    if (!closed) {
      LOG.log(Level.DEBUG, "federation: NATS client: {0}", String.valueOf(exp));
    }
  }

  @Override
  public void slowConsumerDetected(Connection conn, Consumer consumer) {
    counters.errors.increment();
    LOG.log(Level.WARNING, "federation: frames from other nodes arrive faster than local clients"
        + " take them; NATS dropped some");
  }

  /** Closes the connection. */
  void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

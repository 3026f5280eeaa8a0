package org.loombus.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.broker.AaaMap;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.service.CoreRpc;
import org.loombus.federation.Federation;
import org.loombus.federation.FederationException;
import org.loombus.management.AldrinJmx;
import org.loombus.management.BrokerJmx;
import org.loombus.management.MetricsEndpoint;
import org.loombus.server.BindAddress;
import org.tinylog.Logger;
import sun.misc.Signal;

/**
 * {@code loombusd}: the stand-alone broker, a drop-in for busrtd. Exits 0 after SIGTERM or SIGINT
 * (pid and socket files removed, shutdown announced, queued frames flushed), 128 + the signal's
 * number at once on a second one, 1 on a start-up error (one line on stderr), 2 on a command-line
 * error. Its broker is visible to JMX, to Prometheus with {@code --metrics}, and to a browser with
 * {@code --dashboard}; its Aldrin bus ({@code --aldrin}) to JMX and Prometheus too.
 */
public final class Daemon {
  private Daemon() {}

  /**
   * @param args busrtd-compatible flags, see {@code --help}
   */
  public static void main(String[] args) {
    DaemonOptions options;
    try {
      options = DaemonOptions.parse(args);
    } catch (DaemonOptions.UsageException e) {
      System.err.println("loombusd: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(DaemonOptions.USAGE);
      return;
    }
    // First, before the JDK creates the scheduler of virtual threads and their socket pollers.
    int workers;
    try {
      workers = VirtualThreadScheduling.configure(options.workers());
    } catch (IllegalArgumentException e) {
      System.err.println("loombusd: " + e.getMessage());
      System.exit(1);
      return;
    }
    try {
      Logging.configure(options);
    } catch (Logging.LoggingException e) {
      System.err.println("loombusd: " + e.getMessage());
      System.exit(1);
      return;
    }
    int status = run(options, workers);
    if (status != 0) {
      System.exit(status);
    }
    // status 0: every remaining thread is a daemon (virtual) thread, so returning ends the JVM
  }

  private static int run(DaemonOptions options, int workers) {
    BrokerConfig config = options.broker();
    // Before any listener accepts: a signal that arrives once clients can connect must take the
    // orderly path (shutdown announcement, file removal), not the JVM's default exit.
    StopSignals stop = StopSignals.install();
    Broker broker = Broker.create(config);
    CoreRpc.install(broker.handle());
    AaaMap aaa = null;
    AaaReloader reloader = null;
    if (options.aaaFile() != null) {
      aaa = new AaaMap();
      try {
        reloader = new AaaReloader(options.aaaFile(), aaa, broker.handle());
      } catch (AaaFile.RulesException e) {
        System.err.println("loombusd: --aaa: " + e.getMessage());
        broker.close();
        return 1;
      }
      AaaReloader r = reloader;
      Signal.handle(new Signal("HUP"), s -> Thread.ofVirtual().start(r::reload));
    }
    // Before the listeners, so that no client registers unseen by the other nodes.
    Federation federation = null;
    if (options.federation() != null) {
      try {
        federation = Federation.start(broker.handle(), options.federation());
      } catch (FederationException e) {
        System.err.println("loombusd: " + e.getMessage());
        broker.close();
        return 1;
      }
    }
    // Started before the metrics endpoint, which shows it; its addresses are bound with the
    // other listeners.
    AldrinBroker aldrin = options.aldrin().isEmpty() ? null
        : AldrinBroker.start(AldrinFront.config(config, options.aldrinMaxEntries()));
    // Before the listeners, so that a port in use stops the daemon before any socket file exists.
    MetricsEndpoint metrics = null;
    if (options.metrics() != null) {
      BindAddress m = options.metrics();
      MetricsEndpoint.Builder endpoint =
          MetricsEndpoint.builder(broker.handle(), new InetSocketAddress(m.host(), m.port()));
      if (options.dashboard()) {
        endpoint.dashboard(aaa);
      }
      if (aldrin != null) {
        endpoint.aldrin(aldrin);
      }
      try {
        if (options.httpToken() != null) {
          endpoint.token(HttpTokenFile.read(options.httpToken()));
        }
        metrics = endpoint.start();
      } catch (HttpTokenFile.TokenException e) {
        System.err.println("loombusd: --http-token: " + e.getMessage());
        stopAldrin(aldrin);
        leave(federation);
        broker.close();
        return 1;
      } catch (IOException e) {
        System.err.println("loombusd: --metrics: " + e.getMessage());
        stopAldrin(aldrin);
        leave(federation);
        broker.close();
        return 1;
      }
    }
    Listeners server;
    try {
      server = Listeners.open(options, broker.handle(), aaa, aldrin);
    } catch (IOException e) {
      System.err.println("loombusd: " + e.getMessage());
      stopServing(null, null, metrics, null);
      stopAldrin(aldrin);
      leave(federation);
      broker.close();
      return 1;
    }
    if (reloader != null) {
      AaaReloader r = reloader;
      Thread.ofVirtual().name("loombusd-aaa-watch").start(() -> r.watch(Duration.ofSeconds(1)));
    }
    Path pidFile = options.pidFile();
    if (pidFile != null) {
      try {
        writePidFile(pidFile);
      } catch (IOException e) {
        System.err.println("loombusd: cannot write pid file " + pidFile + ": " + e.getMessage());
        stopServing(null, null, metrics, server);
        leave(federation);
        broker.close();
        return 1;
      }
    }
    BrokerJmx jmx = BrokerJmx.register(broker.handle(), reloader == null ? null : reloader::reload);
    AldrinJmx aldrinJmx = aldrin == null ? null : AldrinJmx.register(aldrin);
    Logger.info("loombusd listening on {}{}, {} worker threads", options.binds(),
        options.aldrin().isEmpty() ? "" : ", Aldrin on " + options.aldrin(), workers);
    if (metrics != null) {
      InetSocketAddress at = metrics.address();
      String host = at.getAddress().getHostAddress();
      Logger.info("metrics{} on http://{}:{}/{}", options.dashboard() ? " and dashboard" : "",
          host.contains(":") ? "[" + host + "]" : host, at.getPort(),
          options.dashboard() ? "" : "metrics");
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Logger.info("loombusd stopping");
    stopServing(jmx, aldrinJmx, metrics, server);
    leave(federation);
    broker.close();
    if (pidFile != null) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        Logger.warn("cannot remove pid file {}: {}", pidFile, e.getMessage());
      }
    }
    Logger.info("loombusd stopped");
    return 0;
  }

  /**
   * Shuts the Aldrin bus down when start-up fails; if its listeners had taken it over and shut it
   * down already, this does nothing more.
   */
  private static void stopAldrin(AldrinBroker aldrin) {
    if (aldrin != null) {
      aldrin.shutdown();
    }
  }

  /** Leaves the federation, if the daemon joined one, before the broker shuts down. */
  private static void leave(Federation federation) {
    if (federation != null) {
      federation.close();
    }
  }

  /**
   * Writes the pid, refusing a symbolic link at the path: following one would let whoever placed
   * it have the daemon overwrite the file it points to.
   */
  private static void writePidFile(Path pidFile) throws IOException {
    if (Files.isSymbolicLink(pidFile)) {
      throw new IOException("it is a symbolic link");
    }
    Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()),
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Stops everything that looks at or into the broker, before the broker itself shuts down; each
   * may be {@code null} when start-up failed before it.
   */
  private static void stopServing(BrokerJmx jmx, AldrinJmx aldrinJmx, MetricsEndpoint metrics,
      Listeners server) {
    if (jmx != null) {
      jmx.close();
    }
    if (aldrinJmx != null) {
      aldrinJmx.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (server != null) {
      server.close();
    }
  }
}

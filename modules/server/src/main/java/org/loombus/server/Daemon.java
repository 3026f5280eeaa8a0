package org.loombus.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import org.loombus.broker.AaaMap;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.rpc.CoreRpc;
import org.loombus.server.internal.AaaFile;
import org.loombus.server.internal.AaaReloader;
import org.loombus.server.internal.DaemonOptions;
import org.loombus.server.internal.Logging;
import org.tinylog.Logger;
import sun.misc.Signal;

/**
 * {@code loombusd}: the stand-alone broker, a drop-in for busrtd. Exits 0 after SIGTERM or SIGINT
 * (pid and socket files removed, shutdown announced), 1 on a start-up error (one line on stderr),
 * 2 on a command-line error.
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
    Logging.configure(options.verbose());
    int status = run(options);
    if (status != 0) {
      System.exit(status);
    }
    // status 0: every remaining thread is a daemon (virtual) thread, so returning ends the JVM
  }

  private static int run(DaemonOptions options) {
    BrokerConfig config = BrokerConfig.builder()
        .timeout(options.timeout())
        .bufSize(options.bufSize())
        .queueSize(options.queueSize())
        .forceRegister(options.forceRegister())
        .payloadSizeLimit(options.payloadSizeLimit())
        .maxClients(options.maxClients())
        .build();
    // Before any listener accepts: a signal that arrives once clients can connect must take the
    // orderly path (shutdown announcement, file removal), not the JVM's default exit.
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());
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
    BrokerServer server;
    try {
      server = BrokerServer.builder(broker.handle())
          .bind(options.binds())
          .aaa(aaa)
          .socketMode(options.socketMode())
          .socketGroup(options.socketGroup())
          .start();
    } catch (IOException e) {
      System.err.println("loombusd: " + e.getMessage());
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
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
      } catch (IOException e) {
        System.err.println("loombusd: cannot write pid file " + pidFile + ": " + e.getMessage());
        server.close();
        broker.close();
        return 1;
      }
    }
    Logger.info("loombusd listening on {}", options.binds());
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Logger.info("loombusd stopping");
    server.close();
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
}

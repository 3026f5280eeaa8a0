package org.loombus.federation.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** One nats-server on 127.0.0.1 with a generated configuration, for tests that need no hosts. */
final class LoopbackNats implements AutoCloseable {
  final int port;
  private final Process process;
  private final Path log;

  private LoopbackNats(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * @param dir where the configuration and the log go
   * @param extra configuration after {@code listen} (authorization, tls)
   */
  static LoopbackNats start(Path dir, String extra) {
    Assumptions.assumeTrue(Files.isExecutable(Lab.natsServer()), "nats-server is not installed");
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path conf = dir.resolve("nats-" + port + ".conf");
      Path log = dir.resolve("nats-" + port + ".log");
      Files.writeString(conf, "listen: 127.0.0.1:" + port + "\n" + extra);
      Process p = new ProcessBuilder(Lab.natsServer().toString(), "-c", conf.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LoopbackNats n = new LoopbackNats(port, p, log);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.readString(log).contains("Server is ready")) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          n.close();
          throw new AssertionError("nats-server did not start: " + Files.readString(log));
        }
        Lab.sleep(20);
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(String scheme) {
    return scheme + "://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;

/** Where {@code loombusd} logs: a rolling file, syslog, or a tinylog configuration file. */
class DaemonLoggingTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern STAMPED_START = Pattern.compile(
      "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  loombusd: loombusd listening on .*");

  @TempDir
  Path dir;
  private Path socket;

  @BeforeEach
  void namePaths() {
    socket = dir.resolve("bus.sock");
  }

  /** Log files are written as lines are logged; waits until {@code file} holds {@code text}. */
  private static String awaitIn(Path file, String text) throws IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      String content = Files.exists(file) ? Files.readString(file) : "";
      if (content.contains(text)) {
        return content;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in " + file + ":\n" + content);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  @DisplayName("--log-file: stamped lines land in the file (a link to the newest numbered file), not on stdout")
  void logFile() throws IOException {
    Path log = dir.resolve("loombusd.log");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--log-file", log.toString())) {
      String content = awaitIn(log, "loombusd listening on");
      assertTrue(content.lines().anyMatch(l -> STAMPED_START.matcher(l).matches()), content);
      assertTrue(Files.exists(dir.resolve("loombusd.log.0")), "numbered file beside the link");
      d.terminate();
      assertEquals(0, d.awaitExit(WAIT));
      awaitIn(log, "loombusd stopped");
      assertFalse(d.output().contains("loombusd listening"), "stdout: " + d.output());
    }
  }

  @Test
  @DisplayName("--log-file in a place that cannot be written: one line naming the file, exit 1")
  void logFileUnwritable() throws IOException {
    // a regular file as the parent directory: no user, root included, can create the log
    Path notADirectory = Files.createFile(dir.resolve("plain-file"));
    Path log = notADirectory.resolve("loombusd.log");
    assertFailsNaming(1, "--log-file: cannot write " + log, "-B", socket.toString(),
        "--log-file", log.toString());
    assertTrue(Files.notExists(socket), "the daemon must stop before binding");
  }

  @Test
  @DisplayName("--log-config: a tinylog properties file chooses writer, format and level")
  void logConfig() throws IOException {
    Path log = dir.resolve("custom.log");
    Path config = dir.resolve("tinylog.properties");
    Files.writeString(config, """
        writer = file
        writer.file = %s
        writer.format = [{level}] {message}
        level = debug
        """.formatted(log));
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--log-config", config.toString()); RawClient c = RawClient.register(
            java.net.UnixDomainSocketAddress.of(socket), "debugged")) {
      awaitIn(log, "[INFO] loombusd listening on");
      awaitIn(log, "[DEBUG] client debugged");
    }
  }

  @Test
  @DisplayName("--log-config with a file that cannot be read: one line, exit 1")
  void logConfigMissing() {
    Path config = dir.resolve("absent.properties");
    assertFailsNaming(1, "--log-config: cannot read " + config, "-B", socket.toString(),
        "--log-config", config.toString());
  }

  @Test
  @DisplayName("--log-config with --log-file or --log-syslog: one line, exit 2")
  void logConfigExclusive() {
    assertFailsNaming(2, "--log-config", "-B", socket.toString(),
        "--log-config", dir.resolve("t.properties").toString(), "--log-syslog");
  }

  @Test
  @DisplayName("--log-syslog: lines go to the local syslog port as <14>loombusd[PID]: message")
  void logSyslog() throws IOException {
    DatagramSocket bound = null;
    try {
      bound = new DatagramSocket(new InetSocketAddress("127.0.0.1", 514));
    } catch (SocketException e) {
      Assumptions.abort("cannot listen on UDP 127.0.0.1:514 here: " + e.getMessage());
    }
    try (DatagramSocket syslog = bound) {
      syslog.setSoTimeout((int) WAIT.toMillis());
      try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
          "--log-syslog")) {
        // DaemonProcess's probe of the socket may be logged first, as a failed handshake
        String line;
        do {
          DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
          syslog.receive(packet);
          line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        } while (!line.contains("listening"));
        assertEquals("<14>loombusd[" + d.process().pid() + "]: loombusd listening on ["
            + socket + "], " + Runtime.getRuntime().availableProcessors() + " worker threads",
            line.strip());
        assertFalse(d.output().contains("loombusd listening"), "stdout: " + d.output());
      }
    }
  }
}

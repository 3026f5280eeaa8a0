package org.loombus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.DaemonProcess;

/** The tool against a separate {@code loombusd} process. */
class DaemonCliTest {
  @Test
  @DisplayName("against loombusd: publish reaches a listener, client.list shows it, stats count it")
  void againstDaemon() throws Exception {
    Path dir = Files.createTempDirectory("loombus-cli");
    Path socket = dir.resolve("bus.sock");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString())) {
      ByteArrayOutputStream listened = new ByteArrayOutputStream();
      Thread listener = Thread.ofVirtual().start(() -> Main.run(
          new String[] {socket.toString(), "-n", "ops.listener", "listen", "-t", "plant/#"},
          new PrintStream(listened, true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new ByteArrayInputStream(new byte[0])));
      try {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!listened.toString(StandardCharsets.UTF_8).contains("plant/alarm: high")) {
          assertTrue(System.nanoTime() < deadline, "listener saw: " + listened);
          assertEquals(0, run(socket, "publish", "plant/alarm", "high").status);
          Thread.sleep(100);
        }
        Result list = run(socket, "broker", "client.list");
        assertEquals(0, list.status, list.err);
        assertTrue(list.out.lines().anyMatch(l -> l.startsWith("ops.listener  local_ipc")),
            list.out);
      } finally {
        listener.interrupt();
        listener.join();
      }
      d.terminate();
      assertEquals(0, d.awaitExit(java.time.Duration.ofSeconds(20)));
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }

  private record Result(int status, String out, String err) {}

  private static Result run(Path socket, String... args) throws IOException {
    String[] all = new String[args.length + 1];
    all[0] = socket.toString();
    System.arraycopy(args, 0, all, 1, args.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}

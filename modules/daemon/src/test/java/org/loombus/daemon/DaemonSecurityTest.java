package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.RawClient.hex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;

/** {@code loombusd}'s access rules file, its reloading, its limits and socket permissions. */
class DaemonSecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir
  Path dir;
  private Path socket;
  private Path rules;

  @BeforeEach
  void namePaths() {
    socket = dir.resolve("bus.sock");
    rules = dir.resolve("aaa.properties");
  }

  private RawClient register(String name) {
    return RawClient.register(java.net.UnixDomainSocketAddress.of(socket), name);
  }

  private int statusOf(String name) {
    try (RawClient c = RawClient.connect(java.net.UnixDomainSocketAddress.of(socket))) {
      return c.handshake(name);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Rewrites the file so that its size differs, which the watcher notices whatever the clock. */
  private void rewrite(String text) throws IOException {
    Files.writeString(rules, text);
  }

  @Test
  @DisplayName("a symbolic link at the pid file's path stops the daemon with one line; its target"
      + " is left as it was")
  void pidFileIsNoSymlink() throws Exception {
    Path target = dir.resolve("precious");
    Files.writeString(target, "keep me");
    Path pid = dir.resolve("loombusd.pid");
    Files.createSymbolicLink(pid, target);
    try (DaemonProcess d = DaemonProcess.start(null, "-B", socket.toString(), "-P",
        pid.toString())) {
      assertEquals(1, d.awaitExit(WAIT), d.output());
      assertTrue(d.output().contains("cannot write pid file " + pid + ": it is a symbolic link"),
          d.output());
    }
    assertEquals("keep me", Files.readString(target));
  }

  @Test
  @DisplayName("--aaa: clients in the file are admitted under their rules; others get 79")
  void rulesFile() throws IOException {
    rewrite("client.a.p2p = b\nclient.b = allow\n");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--aaa", rules.toString())) {
      assertEquals(0x79, statusOf("stranger"));
      try (RawClient a = register("a"); RawClient b = register("b")) {
        a.send(1, 0x52, "b", "x");
        assertArrayEquals(hex("FE 01 00 00 00 01"), a.readFrameSkippingNops());
        a.send(2, 0x52, ".broker", "x");
        assertArrayEquals(hex("FE 02 00 00 00 79"), a.readFrameSkippingNops());
      }
      assertTrue(d.output().contains("no access rules for 'stranger'"), d.output());
    }
  }

  @Test
  @DisplayName("--aaa: a changed file is reloaded, clients whose rules changed are disconnected")
  void reloadOnChange() throws IOException {
    rewrite("client.a = allow\nclient.b = allow\n");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--aaa", rules.toString()); RawClient a = register("a"); RawClient b = register("b")) {
      rewrite("client.a.p2p = deny\nclient.b = allow\n# changed\n");
      assertTrue(a.awaitClosed(WAIT), "a's rules changed: it must be disconnected");
      d.awaitOutput("access rules reloaded", WAIT);
      b.send(1, 0x52, "b", "still here");
      assertEquals(0x12, b.readFrameSkippingNops()[0] & 0xFF, "b's rules did not change");
      assertArrayEquals(hex("FE 01 00 00 00 01"), b.readFrameSkippingNops());
      try (RawClient a2 = register("a")) {
        a2.send(2, 0x52, "b", "x");
        assertArrayEquals(hex("FE 02 00 00 00 79"), a2.readFrameSkippingNops());
      }
    }
  }

  @Test
  @DisplayName("--aaa: a file with an error is rejected with its line number; the old rules stay")
  void badFileKeepsRules() throws IOException {
    rewrite("client.a = allow\n");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--aaa", rules.toString()); RawClient a = register("a")) {
      rewrite("client.a = allow\nclient.b.hosts = not-a-network\n");
      d.awaitOutput(rules + " line 2:", WAIT);
      assertEquals(0x79, statusOf("b"));
      a.send(1, 0x52, "a", "x");
      assertEquals(0x12, a.readFrameSkippingNops()[0] & 0xFF);
      assertArrayEquals(hex("FE 01 00 00 00 01"), a.readFrameSkippingNops());
      a.expectNothing(Duration.ofMillis(200));
    }
  }

  @Test
  @DisplayName("--aaa: SIGHUP reloads the file")
  void reloadOnSighup() throws Exception {
    rewrite("client.a = allow\n");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--aaa", rules.toString())) {
      assertEquals(0x79, statusOf("b"));
      rewrite("client.a = allow\nclient.b = allow\n");
      new ProcessBuilder("kill", "-HUP", Long.toString(d.process().pid())).start().waitFor();
      d.awaitOutput("access rules reloaded", WAIT);
      register("b").close();
    }
  }

  @Test
  @DisplayName("--aaa with an error at start: one line naming file and line, exit 1")
  void badFileAtStart() throws IOException {
    rewrite("client.a.p2p = hub\nclient.a.colour = red\n");
    try (DaemonProcess d = DaemonProcess.start(null, "-B", socket.toString(),
        "--aaa", rules.toString())) {
      assertEquals(1, d.awaitExit(WAIT));
      assertEquals("loombusd: --aaa: " + rules + " line 2: unknown key 'client.a.colour'"
          + " (known: hosts, p2p, publish, subscribe, broadcast, users, groups, or client.NAME = allow)",
          d.output().strip());
    }
  }

  @Test
  @DisplayName("--max-clients: a client beyond the limit gets 76 and the refusal is logged")
  void maxClients() {
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--max-clients", "2"); RawClient a = register("a"); RawClient b = register("b")) {
      assertEquals(0x76, statusOf("c"));
      d.awaitOutput("the limit of 2 clients is reached", WAIT);
    }
  }

  @Test
  @DisplayName("--payload-size-limit: a larger frame closes the connection, one of that size passes")
  void payloadLimit() {
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--payload-size-limit", "8"); RawClient a = register("a")) {
      a.send(1, 0x52, "a", "12345"); // body: a 00 12345 = 7 bytes
      assertEquals(0x12, a.readFrameSkippingNops()[0] & 0xFF);
      assertArrayEquals(hex("FE 01 00 00 00 01"), a.readFrameSkippingNops());
      a.send(2, 0x52, "a", "1234567"); // 9 bytes
      assertTrue(a.awaitClosed(WAIT));
      d.awaitOutput("exceeds the limit of 8", WAIT);
    }
  }

  @Test
  @DisplayName("--socket-mode and --socket-group set the Unix socket file's permissions and group")
  void socketPermissions() throws IOException {
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
        "--socket-mode", "0660", "--socket-group", "daemon")) {
      assertEquals("rw-rw----",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      assertEquals("daemon", Files.getAttribute(socket, "posix:group").toString());
      register("a").close();
    }
  }
}

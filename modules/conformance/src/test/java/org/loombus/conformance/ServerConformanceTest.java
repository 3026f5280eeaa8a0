package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.DaemonRuns.EXIT_WAIT;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;
import static org.loombus.testkit.DaemonRuns.freePort;
import static org.loombus.testkit.Peer.message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;

/**
 * Spec §7.2, checklist C105–C107 (Unix and TCP listeners; the FIFO channel is not built yet), and
 * start-up errors of {@code loombusd} run as a separate process.
 */
class ServerConformanceTest {
  @TempDir
  Path dir;
  private Path socket;
  private Path pidFile;

  @BeforeEach
  void namePaths() {
    socket = dir.resolve("bus.sock");
    pidFile = dir.resolve("loombusd.pid");
  }

  @Test
  @DisplayName("C105 Unix socket and TCP listeners share one registry")
  void unixAndTcpTogether() {
    int port = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "-B", "127.0.0.1:" + port);
        Peer u = Peer.register(UnixDomainSocketAddress.of(socket), "u");
        Peer t = Peer.register(new InetSocketAddress("127.0.0.1", port), "t")) {
      u.send(1, 0x52, "t", "over unix");
      u.expectAck(1, 0x01);
      t.expect(message("u", "over unix"));
      t.send(2, 0x52, "u", "over tcp");
      t.expectAck(2, 0x01);
      u.expect(message("t", "over tcp"));
      try (RawClient twin = RawClient.connect(new InetSocketAddress("127.0.0.1", port))) {
        assertEquals(0x76, twin.handshake("u"), "a Unix client's name taken over TCP");
      }
    }
  }

  @Test
  @DisplayName("C106 a stale socket file at the path is removed and the socket bound")
  void staleSocketFile() throws IOException {
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket), "closing a channel leaves its socket file behind");
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString());
        Peer c = Peer.register(UnixDomainSocketAddress.of(socket), "c")) {
      c.send(1, 0x52, "c", "alive");
      c.expect(message("c", "alive"));
      c.expectAck(1, 0x01);
    }
  }

  @Test
  @DisplayName("C107 SIGTERM: shutdown warning to clients, pid and socket files removed, exit 0")
  void sigterm() throws IOException {
    int port = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "-B", "127.0.0.1:" + port, "-P", pidFile.toString());
        Peer u = Peer.register(UnixDomainSocketAddress.of(socket), "u");
        Peer t = Peer.register(new InetSocketAddress("127.0.0.1", port), "t")) {
      assertEquals(Long.toString(d.process().pid()), Files.readString(pidFile));
      Instant before = Instant.now();
      d.terminate();
      for (Peer c : List.of(u, t)) {
        c.expectAnnouncement(".broker/warn", "shutdown", null, before);
        assertTrue(c.raw.awaitClosed(EXIT_WAIT), c.name + " still connected");
      }
      assertEquals(0, d.awaitExit(EXIT_WAIT), d.output());
      assertFalse(Files.exists(pidFile), "pid file left behind");
      assertFalse(Files.exists(socket), "socket file left behind");
    }
  }

  @Test
  @DisplayName("Start-up error: an unknown flag makes loombusd exit non-zero with one line")
  void badFlag() {
    assertFailsNaming(2, "--no-such-flag", "-B", socket.toString(), "--no-such-flag");
  }

  @Test
  @DisplayName("Start-up error: a TCP port in use makes loombusd exit non-zero with one line")
  void portInUse() throws IOException {
    try (ServerSocketChannel holder = ServerSocketChannel.open()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      String bind = "127.0.0.1:" + ((InetSocketAddress) holder.getLocalAddress()).getPort();
      assertFailsNaming(1, bind, "-B", socket.toString(), "-B", bind);
    }
    assertFalse(Files.exists(socket), "the Unix socket bound first is not cleaned up");
  }

  @Test
  @DisplayName("Start-up error: an unwritable socket path makes loombusd exit non-zero with one line")
  void unwritableSocketPath() throws IOException {
    // a regular file as the parent directory: no user, root included, can create the socket
    Path notADirectory = Files.createFile(dir.resolve("plain-file"));
    Path path = notADirectory.resolve("bus.sock");
    assertFailsNaming(1, path.toString(), "-B", path.toString());
  }
}

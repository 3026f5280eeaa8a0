package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.DaemonRuns.freePort;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;

/**
 * {@code loombusd -B ws://… -B wss://…} with {@code --wss-keystore} and
 * {@code --wss-password-file}: the JDK's WebSocket client reaches a Unix-socket client of the
 * daemon over both, and the flags' errors are one line each.
 */
class WebSocketDaemonTest {
  @TempDir
  Path dir;

  @Test
  void daemonServesWsAndWssNextToAUnixSocket() throws Exception {
    Path socket = dir.resolve("bus.sock");
    Path password = Files.writeString(dir.resolve("password"), WebSocketBroker.password() + "\n");
    int ws = freePort();
    int wss = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "-B", "ws://127.0.0.1:" + ws + "/bus", "-B", "wss://127.0.0.1:" + wss + "/bus",
            "--wss-keystore", WebSocketBroker.keystore().toString(),
            "--wss-password-file", password.toString());
        RawClient u = RawClient.register(UnixDomainSocketAddress.of(socket), "c2");
        JdkWebSocketClient plain = JdkWebSocketClient.register(
            URI.create("ws://127.0.0.1:" + ws + "/bus"), null, "c1");
        JdkWebSocketClient tls = JdkWebSocketClient.register(
            URI.create("wss://127.0.0.1:" + wss + "/bus"),
            WebSocketBroker.trustingTestCertificate(), "c3")) {
      plain.send(Checks.hex("01 00 00 00  52  05 00 00 00  63 32 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 69"), u.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  01 00 00 00  01"), plain.readFrameSkippingNops());
      tls.send(Checks.hex("02 00 00 00  52  05 00 00 00  63 32 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 33 00 68 69"), u.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  02 00 00 00  01"), tls.readFrameSkippingNops());
      u.write(Checks.hex("03 00 00 00  52  05 00 00 00  63 33 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 32 00 68 69"),
          tls.readFrameSkippingNops());
      assertTrue(d.output().contains("wss://127.0.0.1:" + wss + "/bus"), d.output());
    }
  }

  /** Stopping the daemon tells each WebSocket client it is going away (1001) before the end. */
  @Test
  void daemonStopSendsCloseStatus1001() {
    Path socket = dir.resolve("bus.sock");
    int ws = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "-B", "ws://127.0.0.1:" + ws + "/bus");
        RawWebSocket c1 = RawWebSocket.registered(new InetSocketAddress("127.0.0.1", ws), "/bus",
            "c1")) {
      d.terminate();
      c1.assertClosedAfterMessagesWith("88 02 03 E9");
      assertEquals(0, d.awaitExit(Duration.ofSeconds(20)), d.output());
    }
  }

  /** A name the rules refuse gets the handshake's 79, then the close status 1008. */
  @Test
  void nameRefusedByTheRulesGetsCloseStatus1008() throws Exception {
    Path socket = dir.resolve("bus.sock");
    Path rules = Files.writeString(dir.resolve("aaa.properties"),
        "client.plant.hosts = 127.0.0.0/8\n");
    int ws = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "-B", "ws://127.0.0.1:" + ws + "/bus", "--aaa", rules.toString());
        RawWebSocket c = RawWebSocket.upgraded(new InetSocketAddress("127.0.0.1", ws), "/bus")) {
      assertArrayEquals(Checks.hex("82 01 79"), c.handshake("other"), "access denied");
      c.assertClosedWith("88 02 03 F0");
    }
  }

  @Test
  void wssWithoutKeystoreIsAUsageError() {
    try (DaemonProcess d = DaemonProcess.start(null, "-B", "wss://127.0.0.1:1/bus")) {
      assertEquals(2, d.awaitExit(Duration.ofSeconds(20)));
      assertTrue(d.output().contains("-B wss://: --wss-keystore is required for a TLS listener"),
          d.output());
    }
  }

  @Test
  void wrongKeystorePasswordIsAStartUpError() throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "not-the-password\n");
    try (DaemonProcess d = DaemonProcess.start(null, "-B", "wss://127.0.0.1:" + freePort(),
        "--wss-keystore", WebSocketBroker.keystore().toString(),
        "--wss-password-file", password.toString())) {
      assertEquals(1, d.awaitExit(Duration.ofSeconds(20)));
      assertTrue(d.output().contains("--wss-keystore " + WebSocketBroker.keystore() + ": "),
          d.output());
    }
  }
}

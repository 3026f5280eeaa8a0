package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;
import static org.loombus.testkit.DaemonRuns.freePort;
import static org.loombus.testkit.Peer.message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.Exposition;
import org.loombus.testkit.Peer;

/**
 * {@code loombusd} run as a process for operators: its {@code --metrics} endpoint and the errors
 * it stops on, the flush of queued frames at SIGTERM, and a second SIGTERM that does not wait.
 */
class DaemonOperationsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Enough to fill the socket buffers, so that later frames stay in the broker's queue. */
  private static final int FILL_FRAMES = 128;
  private static final byte[] BIG = bigPayload();

  @TempDir
  Path dir;
  private Path socket;

  @BeforeEach
  void namePaths() {
    socket = dir.resolve("bus.sock");
  }

  private static byte[] bigPayload() {
    byte[] b = new byte[64 * 1024];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private Peer register(String name) {
    return Peer.register(UnixDomainSocketAddress.of(socket), name);
  }

  /** Sends {@code count} big QoS-1 messages to {@code to} and waits for their ACKs. */
  private static void flood(Peer from, String to, int count) {
    for (int i = 1; i <= count; i++) {
      from.send(i, 0x52, to, BIG);
    }
    for (int i = 1; i <= count; i++) {
      from.expectAck(i, 0x01);
    }
  }

  @Test
  @DisplayName("--metrics HOST:PORT serves the daemon's figures at /metrics")
  void metricsFlag() {
    int port = freePort();
    InetSocketAddress http = new InetSocketAddress("127.0.0.1", port);
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(),
            "--metrics", "127.0.0.1:" + port);
        Peer a = register("a")) {
      a.send(1, 0x52, "a", "to myself");
      a.expect(message("a", "to myself"));
      a.expectAck(1, 0x01);
      Exposition m = Exposition.scrape(http, "/metrics");
      assertEquals(200, m.status);
      assertEquals(1, m.value("loombus_client_received_frames_total", "client", "a"));
      assertEquals(2, m.value("loombus_client_sent_frames_total", "client", "a"));
      assertEquals(1, m.value("loombus_client_info", "client", ".broker", "kind", "internal",
          "source", "", "port", ""));
    }
  }

  @Test
  @DisplayName("--metrics with a value that is not host:port: one line, exit 2")
  void metricsNotHostPort() {
    assertFailsNaming(2, "--metrics", "-B", socket.toString(), "--metrics", "/tmp/metrics.sock");
    assertFailsNaming(2, "--metrics", "-B", socket.toString(), "--metrics", "9925");
  }

  @Test
  @DisplayName("--metrics on a port in use: one line naming the address, exit 1, socket removed")
  void metricsPortInUse() throws IOException {
    try (ServerSocketChannel holder = ServerSocketChannel.open()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      String taken = "127.0.0.1:" + ((InetSocketAddress) holder.getLocalAddress()).getPort();
      assertFailsNaming(1, "--metrics: cannot bind the metrics endpoint to " + taken,
          "-B", socket.toString(), "--metrics", taken);
    }
    assertTrue(Files.notExists(socket), "the Unix socket bound first is not cleaned up");
  }

  @Test
  @DisplayName("SIGTERM: a client with frames queued receives all of them, then the shutdown event")
  void shutdownFlushesQueuedFrames() {
    int port = freePort();
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(), "-t", "30",
            "--metrics", "127.0.0.1:" + port);
        Peer sender = register("sender");
        Peer sink = register("sink")) {
      sink.subscribe(1, ".broker/warn");
      flood(sender, "sink", FILL_FRAMES);
      flood(sender, "sink", 5);
      double queued = Exposition.scrape(new InetSocketAddress("127.0.0.1", port), "/metrics")
          .value("loombus_client_queued_frames", "client", "sink");
      assertTrue(queued >= 5, "frames should wait in the broker's queue, not only in the socket");
      Instant before = Instant.now();
      d.terminate();
      for (int i = 0; i < FILL_FRAMES + 5; i++) {
        assertArrayEquals(message("sender", BIG, false), sink.raw.readFrameSkippingNops(),
            "frame " + i);
      }
      sink.expectAnnouncement(".broker/warn", "shutdown", null, before);
      assertTrue(sink.raw.awaitClosed(WAIT), "sink still connected");
      assertEquals(0, d.awaitExit(WAIT), d.output());
    }
  }

  @Test
  @DisplayName("A second SIGTERM while queued frames are being flushed exits at once with 143")
  void secondSigtermExitsAtOnce() {
    try (DaemonProcess d = DaemonProcess.start(socket, "-B", socket.toString(), "-t", "3600");
        Peer sender = register("sender");
        Peer sink = register("sink")) {
      flood(sender, "sink", FILL_FRAMES);
      d.terminate();
      d.awaitOutput("loombusd stopping", WAIT);
      // the sink reads nothing: the orderly stop would wait up to T, an hour
      d.terminate();
      assertEquals(128 + 15, d.awaitExit(WAIT), d.output());
      assertTrue(d.output().contains("second SIGTERM while stopping: exiting at once"), d.output());
    }
  }
}

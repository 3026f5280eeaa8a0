package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.ack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Every per-client resource is bounded, and so is their sum (docs/robustness.md): a client that
 * asks for more is disconnected, or refused, with one log line, and everyone else goes on.
 */
class ResourceLimitsTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("a subscriber that never reads, fed 1 MiB publications, is dropped by its 16 MiB"
      + " queue; a small heap is never exhausted and the daemon serves on")
  void bytesBoundTheQueue() {
    Path socket = dir.resolve("bus.sock");
    try (DaemonProcess d = DaemonProcess.start(socket, List.of("-Xmx96m"), "-B",
        socket.toString(), "-t", "1");
        RawClient sub = RawClient.register(UnixDomainSocketAddress.of(socket), "never.reads");
        RawClient pub = RawClient.register(UnixDomainSocketAddress.of(socket), "pub")) {
      sub.send(1, 0x42, "big");
      assertArrayEquals(ack(1, 0x01), sub.readFrameSkippingNops());
      byte[] mib = new byte[1 << 20];
      for (int i = 2; i < 200 && !d.output().contains("never.reads ("); i++) {
        pub.send(i, 0x01, "big", mib); // QoS 0; the publisher is held back while it can be
      }
      d.awaitOutput("client never.reads (", Duration.ofSeconds(20));
      assertTrue(d.output().contains("disconnected: outgoing queue full (8192 frames or"
          + " 16777216 bytes)") || d.output().contains("disconnected: it took no bytes for"),
          d.output());
      Checks.assertSelfMessage(pub, "pub", 1_000);
      try (RawClient after = RawClient.register(UnixDomainSocketAddress.of(socket), "after")) {
        Checks.assertSelfMessage(after, "after", 1);
      }
      assertTrue(!d.output().contains("OutOfMemoryError"), d.output());
    }
  }

  @Test
  @DisplayName("a client past 4,096 subscriptions is disconnected with one line; one frame of"
      + " 250,000 exclusions likewise, at once")
  void masksPerClient() {
    try (TestBroker broker = TestBroker.start();
        RawClient many = broker.registerUnix("many.subs");
        RawClient excluder = broker.registerUnix("many.excl");
        RawClient other = broker.registerUnix("other")) {
      for (int frame = 0; frame < 3 && broker.handle().connection("many.subs").isPresent();
          frame++) {
        many.send(frame + 1, 0x02, masks("s" + frame + "/", 2_000).toArray());
      }
      Checks.awaitTrue(() -> broker.handle().connection("many.subs").isEmpty(),
          Duration.ofSeconds(10), "the subscriber past its limit is dropped");
      excluder.send(1, 0x04, masks("x/", 250_000).toArray());
      Checks.awaitTrue(() -> broker.handle().connection("many.excl").isEmpty(),
          Duration.ofSeconds(10), "the excluder past its limit is dropped");
      Checks.assertSelfMessage(other, "other", 1);
      assertEquals(1, BrokerLog.await("many.subs (", Duration.ofSeconds(10)).size());
      assertTrue(BrokerLog.lines("many.excl (").get(0)
          .endsWith("more than 4096 subscriptions and exclusions"));
    }
  }

  @Test
  @DisplayName("a mask of 11,000 segments is refused with 72 and costs nothing: 500 such clients"
      + " come and go and the broker's descriptors and registry are back where they were")
  void deepMaskRefused() throws IOException {
    try (TestBroker broker = TestBroker.start()) {
      String deep = "s/".repeat(11_000) + "x";
      int before = broker.handle().clients().size();
      for (int i = 0; i < 500; i++) {
        try (RawClient c = broker.registerUnix("deep." + i)) {
          c.send(1, 0x42, deep);
          assertArrayEquals(ack(1, 0x72), c.readFrameSkippingNops());
          assertArrayEquals(ack(1, 0x01), c.readFrameSkippingNops());
        }
      }
      Checks.awaitTrue(() -> broker.handle().clients().size() == before, Duration.ofSeconds(10),
          "every deep client is gone");
    }
  }

  @Test
  @DisplayName("one peer holding its 256 handshakes cannot keep another peer from connecting;"
      + " what it is refused is logged 20 times a second at most")
  void pendingHandshakesPerPeer() throws IOException {
    try (TestBroker broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)))) {
      InetSocketAddress tcp = broker.tcp();
      List<SocketChannel> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 400; i++) {
          silent.add(SocketChannel.open(tcp)); // from 127.0.0.1, never answering the greeting
        }
        try (SocketChannel other = SocketChannel.open()) {
          other.bind(new InetSocketAddress("127.0.0.2", 0)); // another peer, still loopback
          other.setOption(StandardSocketOptions.TCP_NODELAY, true);
          other.connect(tcp);
          assertEquals(0x01, handshake(other, "from.elsewhere"));
        }
        Checks.awaitTrue(() -> !BrokerLog.lines(
            "handshake with tcp 127.0.0.1").isEmpty(), Duration.ofSeconds(10), "refusals");
        long refusals = BrokerLog.lines("connections of 127.0.0.1 are in their handshake").size();
        assertTrue(refusals >= 1 && refusals <= 20, refusals + " refusal lines");
      } finally {
        for (SocketChannel ch : silent) {
          ch.close();
        }
      }
    }
  }

  @Test
  @DisplayName("should the heap run out anyway (a budget set above it), the daemon exits at once"
      + " with a non-zero status, so that its service manager restarts it")
  void outOfMemoryExits() {
    Path socket = dir.resolve("oom.sock");
    try (DaemonProcess d = DaemonProcess.start(socket,
        List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError"), "-B", socket.toString(),
        "--memory-budget", "1073741824", "--queue-bytes", "1073741824", "-t", "30");
        RawClient sub = RawClient.register(UnixDomainSocketAddress.of(socket), "never.reads");
        RawClient pub = RawClient.register(UnixDomainSocketAddress.of(socket), "pub")) {
      sub.send(1, 0x42, "big");
      assertArrayEquals(ack(1, 0x01), sub.readFrameSkippingNops());
      byte[] mib = new byte[1 << 20];
      try {
        for (int i = 2; i < 400 && d.process().isAlive(); i++) {
          pub.send(i, 0x01, "big", mib);
        }
      } catch (UncheckedIOException gone) {
        // the daemon exited under the publisher
      }
      int status = d.awaitExit(Duration.ofSeconds(30));
      assertTrue(status != 0, "exit status " + status + ": " + d.output());
    }
  }

  private static List<String> masks(String prefix, int n) {
    List<String> masks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      masks.add(prefix + i);
    }
    return masks;
  }

  /** The client's side of the handshake over a plain channel; returns the status byte. */
  private static int handshake(SocketChannel ch, String name) throws IOException {
    ByteBuffer greeting = ByteBuffer.allocate(3);
    while (greeting.hasRemaining()) {
      if (ch.read(greeting) < 0) {
        throw new IOException("closed before the greeting");
      }
    }
    ch.write(ByteBuffer.wrap(greeting.array()));
    ByteBuffer ok = ByteBuffer.allocate(1);
    ch.read(ok);
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ch.write(ByteBuffer.wrap(new byte[] {(byte) n.length, 0}));
    ch.write(ByteBuffer.wrap(n));
    ByteBuffer status = ByteBuffer.allocate(1);
    ch.read(status);
    return status.get(0);
  }
}

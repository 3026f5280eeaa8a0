package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.RawClient.hex;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;

/**
 * The FIFO command channel of {@code loombusd} (docs/protocol.md §7.3, checklist C105, C107, C108).
 */
class FifoConformanceTest {
  @TempDir
  Path dir;
  private Path socket;
  private Path fifo;

  @BeforeEach
  void namePaths() {
    socket = dir.resolve("bus.sock");
    fifo = dir.resolve("bus.fifo");
  }

  /** Starts the daemon and waits for the pipe too (the socket can accept before it exists). */
  private DaemonProcess start(String... more) {
    List<String> args = new ArrayList<>(List.of("-B", socket.toString(), "-B", "fifo:" + fifo));
    args.addAll(List.of(more));
    DaemonProcess d = DaemonProcess.start(socket, args.toArray(String[]::new));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Files.exists(fifo)) {
      if (System.nanoTime() > deadline) {
        d.close();
        throw new AssertionError("no FIFO at " + fifo);
      }
      Thread.onSpinWait();
    }
    return d;
  }

  private void command(String line) throws IOException {
    Files.writeString(fifo, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
  }

  private RawClient register(String name) {
    return RawClient.register(UnixDomainSocketAddress.of(socket), name);
  }

  @Test
  @DisplayName("C105 the FIFO is created next to the Unix socket, mode 0622 when asked as busrtd's"
      + " (the default, 0620, lets no other user write it: docs/differences.md)")
  void fifoMode() throws IOException {
    try (DaemonProcess d = start()) {
      assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
      assertEquals("rw--w----", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
    }
    Files.deleteIfExists(fifo); // left by the killed daemon; start() waits for the new one
    try (DaemonProcess d = start("--fifo-mode", "0622")) {
      assertEquals("rw--w--w-", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
    }
  }

  @Test
  @DisplayName("a FIFO line longer than 64 KiB is ignored with one line, and the next one works")
  void longLineIgnored() throws IOException {
    try (DaemonProcess d = start(); RawClient c = register("c1")) {
      String huge = "c1 " + "x".repeat(300_000);
      Files.writeString(fifo, huge + "\n" + "c1 after\n", StandardCharsets.UTF_8,
          StandardOpenOption.WRITE);
      byte[] frame = c.readFrameSkippingNops();
      assertEquals("after", new String(frame, 6 + ".broker".length() + 1,
          frame.length - 6 - ".broker".length() - 1, StandardCharsets.UTF_8));
      d.awaitOutput("ignored a line of 300003 bytes, more than 65536", Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("a regular file at the FIFO's path stops the daemon with one line and is kept")
  void regularFileInTheWay() throws IOException {
    Files.writeString(fifo, "precious");
    try (DaemonProcess d = DaemonProcess.start(null, "-B", socket.toString(), "-B",
        "fifo:" + fifo)) {
      assertEquals(1, d.awaitExit(Duration.ofSeconds(20)), d.output());
      assertTrue(d.output().contains("a file that is not a FIFO is in the way"), d.output());
    }
    assertEquals("precious", Files.readString(fifo));
  }

  @Test
  @DisplayName("a flood of FIFO lines to a slow reader paces the FIFO; the reader is not dropped")
  void floodPacedBySlowReader() throws Exception {
    try (DaemonProcess d = start("--queue-size", "16"); RawClient slow = register("slow")) {
      Thread writer = Thread.ofPlatform().start(() -> {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
          lines.append("slow m").append(i).append('\n');
        }
        try {
          Files.writeString(fifo, lines, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      for (int i = 0; i < 2_000; i++) {
        byte[] frame = slow.readFrameSkippingNops();
        assertEquals("m" + i, new String(frame, 6 + ".broker".length() + 1,
            frame.length - 6 - ".broker".length() - 1, StandardCharsets.UTF_8));
        if (i % 100 == 0) {
          Thread.sleep(20); // slower than the FIFO writes
        }
      }
      writer.join();
      assertTrue(!d.output().contains("disconnected"), d.output());
    }
  }

  @Test
  @DisplayName("C108 =t/1 hello publishes hello to t/1 from .broker")
  void publish() throws IOException {
    try (DaemonProcess d = start(); RawClient c = register("c1")) {
      c.send(1, 0x42, "t/#");
      assertArrayEquals(hex("FE 01 00 00 00 01"), c.readFrameSkippingNops());
      command("=t/1 hello");
      assertArrayEquals(hex("01 11 00 00 00 00 2E 62 72 6F 6B 65 72 00 74 2F 31 00 68 65 6C 6C 6F"),
          c.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C108 w.* hi broadcasts hi; c1 hey sends a direct message")
  void broadcastAndSend() throws IOException {
    try (DaemonProcess d = start(); RawClient w = register("w.one"); RawClient c = register("c1")) {
      command("w.* hi");
      assertArrayEquals(hex("13 0A 00 00 00 00 2E 62 72 6F 6B 65 72 00 68 69"),
          w.readFrameSkippingNops());
      command("c1 hey ignored words");
      assertArrayEquals(hex("12 0B 00 00 00 00 2E 62 72 6F 6B 65 72 00 68 65 79"),
          c.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C108 c1 .note sends the RPC notification 00 6E 6F 74 65; c1 :m x=1 a call0 with {x:1}")
  void rpc() throws IOException {
    try (DaemonProcess d = start(); RawClient c = register("c1")) {
      command("c1 .note");
      assertArrayEquals(hex("12 0D 00 00 00 00 2E 62 72 6F 6B 65 72 00 00 6E 6F 74 65"),
          c.readFrameSkippingNops());
      command("c1 :m x=1");
      assertArrayEquals(hex("12 13 00 00 00 00 2E 62 72 6F 6B 65 72 00"
          + " 01 00 00 00 00 6D 00 81 A1 78 01"), c.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("C107 SIGTERM removes the FIFO file with the socket file")
  void removedAtExit() {
    try (DaemonProcess d = start()) {
      d.terminate();
      assertEquals(0, d.awaitExit(Duration.ofSeconds(20)));
      assertFalse(Files.exists(fifo));
      assertFalse(Files.exists(socket));
    }
  }
}

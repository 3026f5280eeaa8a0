package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.testkit.DaemonProcess;

/** {@code --aldrin}: an Aldrin bus on a Unix socket beside the BUS/RT listener. */
class DaemonAldrinTest {
  @TempDir
  Path dir;

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static byte[] read(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("closed after " + b.position() + " bytes");
      }
    }
    return b.array();
  }

  @Test
  @DisplayName("--aldrin PATH: Aldrin clients connect; a frame over --payload-size-limit closes"
      + " only that client, with one line naming it")
  void aldrinListener() throws Exception {
    Path bus = dir.resolve("bus.sock");
    Path aldrin = dir.resolve("aldrin.sock");
    try (DaemonProcess d = DaemonProcess.start(bus, "-B", bus.toString(), "--aldrin",
        aldrin.toString(), "--payload-size-limit", "100")) {
      d.awaitOutput("listening", Duration.ofSeconds(20));
      try (SocketChannel good = SocketChannel.open(UnixDomainSocketAddress.of(aldrin));
          SocketChannel bad = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        bad.connect(UnixDomainSocketAddress.of(aldrin));
        // Connect2 1.20 with an empty data struct, answered Ok(20)
        byte[] connect2 = hex("0d000000 2e 02000000 4100 01 14");
        good.write(ByteBuffer.wrap(connect2));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(good, 13));
        bad.write(ByteBuffer.wrap(connect2));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(bad, 13));
        // a 105-byte frame: body 101 > 100
        bad.write(ByteBuffer.wrap(hex("69000000 03")));
        assertEquals(-1, bad.read(ByteBuffer.allocate(1)));
        d.awaitOutput("disconnected: undecodable input", Duration.ofSeconds(10));
        good.write(ByteBuffer.wrap(MessageCodec.encode(new CreateObject(7, new UUID(0, 1)))));
        byte[] reply = read(good, 23);
        assertArrayEquals(hex("17000000 04 07 00"), java.util.Arrays.copyOf(reply, 7));
      }
    }
  }

  @Test
  @DisplayName("--aldrin fifo:PATH: one line naming --aldrin, exit 2")
  void aldrinNeedsASocket() {
    assertFailsNaming(2, "--aldrin", "--aldrin", "fifo:" + dir.resolve("f"));
  }
}

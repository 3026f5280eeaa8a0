package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.JvmProcess;

/** The process aldrin-conformance-tester runs, as the tester sees it. */
class AldrinTestHostTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  @DisplayName("loombus-aldrin-test-host: the port first, Aldrin on it, Shutdown to its clients"
      + " and exit 0 when standard input closes")
  void hostsTheTester() throws IOException, InterruptedException {
    try (JvmProcess host = DaemonProcess.startProgram("org.loombus.daemon.AldrinTestHost")) {
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (host.output().isEmpty() && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      String first = host.output().lines().findFirst().orElseThrow();
      assertTrue(first.matches("[0-9]+"), "first line: " + first);
      try (Socket s = new Socket("127.0.0.1", Integer.parseInt(first))) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(hex("0d000000 2e 02000000 4100 01 14"));
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[13];
        in.readFully(reply);
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), reply);
        host.closeInput();
        byte[] shutdown = new byte[5];
        in.readFully(shutdown);
        assertArrayEquals(hex("05000000 02"), shutdown);
        s.getOutputStream().write(hex("05000000 02"));
        assertEquals(-1, in.read());
      }
      assertEquals(0, host.awaitExit(Duration.ofSeconds(20)), host.output());
    }
  }
}

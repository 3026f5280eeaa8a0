package org.loombus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int bench(String... args) {
    return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> table() {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    return lines.subList(lines.size() - 6, lines.size());
  }

  @Test
  @DisplayName("a small run against an in-process broker reports all five measurements")
  void inProcessRunReportsEveryMeasurement() {
    int status = bench("--pairs", "2", "--frames", "4000", "--acked", "400", "--runs", "2");
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    List<String> t = table();
    assertTrue(t.get(0).startsWith("measurement") && t.get(0).endsWith("broker/baseline"),
        t.get(0));
    // label, then total, median, one rate per run, and a ratio on broker rows only
    assertRow(t.get(1), "raw Unix socket: 106-byte writes", "4,000", 4);
    assertRow(t.get(2), "broker: QoS 0 send + receive", "4,000", 5);
    assertRow(t.get(3), "broker: QoS 0, with a slow consumer", "4,000", 5);
    assertRow(t.get(4), "raw Unix socket: 100-byte ping-pong", "400", 4);
    assertRow(t.get(5), "broker: QoS 1 send, ACK awaited", "400", 5);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  private static void assertRow(String line, String label, String total, int fields) {
    assertTrue(line.startsWith(label + " "), line);
    String[] f = line.substring(label.length()).trim().split(" +");
    assertEquals(fields, f.length, line);
    assertEquals(total, f[0], line);
  }

  @Test
  @DisplayName("--socket measures an external broker")
  void externalBroker() throws Exception {
    try (InProcessBroker broker = InProcessBroker.start()) {
      int status = bench("--socket", broker.address().getPath().toString(), "--pairs", "1",
          "--frames", "1000", "--acked", "100", "--runs", "1");
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
      String report = out.toString(StandardCharsets.UTF_8);
      assertTrue(report.contains("broker on " + broker.address().getPath()), report);
    }
  }

  @Test
  @DisplayName("a broker that is not there fails the run with status 1, naming the socket")
  void missingBroker() {
    int status = bench("--socket", "/nonexistent/loombus.sock", "--pairs", "1",
        "--frames", "10", "--acked", "10", "--runs", "1");
    assertEquals(1, status);
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("bench: warm-up of 'broker: QoS 0 send + receive' failed")
        && e.contains("cannot connect to the broker at /nonexistent/loombus.sock"), e);
  }

  @Test
  @DisplayName("an unknown option is a usage error with status 2")
  void usageError() {
    assertEquals(2, bench("--frames", "many"));
    assertEquals("bench: --frames: 'many' is not a whole number\n",
        err.toString(StandardCharsets.UTF_8));
  }
}

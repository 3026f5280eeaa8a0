package org.loombus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.RawClient.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** The tool against a real broker over its Unix socket: output, effects on the bus, exit codes. */
class MainTest {
  private TestBroker broker;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  private int loombus(String stdin, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--socket";
    all[1] = broker.socketPath().toString();
    all[2] = "-n";
    all[3] = "cli.test";
    System.arraycopy(args, 0, all, 4, args.length);
    return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("broker info and stats print the .broker answers key by key")
  void brokerInfoAndStats() {
    assertEquals(0, loombus("", "broker", "info"), err());
    assertTrue(out().startsWith("author: \"Loombus\"\nversion: \""), out());
    out.reset();
    assertEquals(0, loombus("", "broker", "stats"), err());
    List<String> keys = out().lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
    assertEquals(List.of("uptime", "r_frames", "r_bytes", "w_frames", "w_bytes"), keys);
    out.reset();
    assertEquals(0, loombus("", "broker", "test"), err());
    assertEquals("ok: true\n", out());
  }

  @Test
  @DisplayName("broker client.list prints an aligned table without the tool's own name")
  void clientList() {
    try (RawClient c = broker.registerUnix("plant.sensor")) {
      assertEquals(0, loombus("", "broker", "client.list"), err());
      List<String> lines = out().lines().toList();
      assertTrue(lines.get(0).matches("name +type +source +port +r_frames +r_bytes +w_frames"
          + " +w_bytes +queue +ins"), lines.get(0));
      assertTrue(lines.get(2).startsWith(".broker "), out());
      assertTrue(lines.get(3).matches("plant\\.sensor +local_ipc +" + broker.socketPath()
          + " .* 1"), lines.get(3));
      assertEquals(4, lines.size(), "no line for cli.test: " + out());
    }
  }

  @Test
  @DisplayName("send delivers the payload (argument or stdin) with QoS 1 and prints OK")
  void send() {
    try (RawClient c = broker.registerUnix("target")) {
      assertEquals(0, loombus("", "send", "target", "hello"), err());
      assertEquals("OK\n", out());
      assertArrayEquals(hex("12 0E 00 00 00 00 63 6C 69 2E 74 65 73 74 00 68 65 6C 6C 6F"),
          c.readFrameSkippingNops());
      assertEquals(0, loombus("from stdin", "send", "target"), err());
      byte[] f = c.readFrameSkippingNops();
      assertTrue(new String(f, StandardCharsets.UTF_8).endsWith("from stdin"));
    }
  }

  @Test
  @DisplayName("send to an absent client fails with one line and status 1")
  void sendToAbsent() {
    assertEquals(1, loombus("", "send", "nobody", "x"));
    assertEquals("loombus: send failed: not registered\n", err());
  }

  @Test
  @DisplayName("a target with * is a broadcast; publish reaches a subscriber")
  void broadcastAndPublish() {
    try (RawClient w = broker.registerUnix("w.one"); RawClient s = broker.registerUnix("sub")) {
      s.send(1, 0x42, "t/#");
      s.readFrameSkippingNops();
      assertEquals(0, loombus("", "send", "w.*", "all"), err());
      assertEquals(0x13, w.readFrameSkippingNops()[0] & 0xFF);
      assertEquals(0, loombus("", "publish", "t/1", "news"), err());
      assertArrayEquals(hex("01 11 00 00 00 00 63 6C 69 2E 74 65 73 74 00 74 2F 31 00"
          + " 6E 65 77 73"), s.readFrameSkippingNops());
    }
  }

  @Test
  @DisplayName("listen prints publications on its topics until interrupted")
  void listen() throws Exception {
    Thread listener = Thread.ofVirtual().start(() -> loombus("", "listen", "-t", "t/#"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try (RawClient p = broker.registerUnix("pub")) {
      while (!out().contains("publish from pub on t/2: hi")) {
        assertTrue(System.nanoTime() < deadline, "listen printed: " + out() + err());
        p.send(1, 0x01, "t/2", "hi");
        Thread.sleep(50);
      }
    } finally {
      listener.interrupt();
      listener.join();
    }
  }

  @Test
  @DisplayName("rpc call prints the decoded result; an RPC error exits 1 with its code")
  void rpcCall() {
    assertEquals(0, loombus("", "rpc", "call", ".broker", "test"), err());
    assertEquals("{\"ok\": true}\n", out());
    assertEquals(1, loombus("", "rpc", "call", ".broker", "no.such.method"));
    assertEquals("loombus: RPC error -32601\n", err());
    err.reset();
    assertEquals(1, loombus("", "rpc", "call", ".broker", "client.list", "filter=("));
    assertTrue(err().startsWith("loombus: RPC error -32700: invalid filter"), err());
  }

  @Test
  @DisplayName("rpc call0 and notify reach the target as the RPC payloads of docs/protocol.md §4.1")
  void rpcCall0AndNotify() {
    try (RawClient t = broker.registerUnix("svc")) {
      assertEquals(0, loombus("", "rpc", "call0", "svc", "m", "x=1"), err());
      byte[] call0 = t.readFrameSkippingNops();
      assertArrayEquals(hex("01 00 00 00 00 6D 00 81 A1 78 01"),
          java.util.Arrays.copyOfRange(call0, call0.length - 11, call0.length));
      assertEquals(0, loombus("", "rpc", "notify", "svc", "note"), err());
      byte[] note = t.readFrameSkippingNops();
      assertArrayEquals(hex("00 6E 6F 74 65"),
          java.util.Arrays.copyOfRange(note, note.length - 5, note.length));
    }
  }

  @Test
  @DisplayName("a bad command or option is one line on stderr and status 2")
  void usageErrors() {
    assertEquals(2, loombus("", "frobnicate"));
    assertEquals("loombus: unknown command 'frobnicate' (see --help)\n", err());
    err.reset();
    assertEquals(2, loombus("", "benchmark", "-w", "zero"));
    assertEquals("loombus: -w: 'zero' is not a whole number\n", err());
  }

  @Test
  @DisplayName("--help works on the tool and on every command")
  void help() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"listen", "--help"},
        new String[] {"send", "--help"}, new String[] {"publish", "--help"},
        new String[] {"rpc", "--help"}, new String[] {"broker", "--help"},
        new String[] {"benchmark", "--help"})) {
      out.reset();
      assertEquals(0, loombus("", args), String.join(" ", args) + ": " + err());
      assertTrue(out().startsWith("Usage: loombus"), String.join(" ", args) + ": " + out());
    }
  }

  @Test
  @DisplayName("benchmark runs the seven stages and prints one row each, alphabetically")
  void benchmark() {
    assertEquals(0, loombus("", "benchmark", "-w", "2", "-i", "2000"), err());
    List<String> rows = out().lines().toList();
    assertTrue(rows.get(0).matches("stage +iters +secs +msecs +iters/s"), rows.get(0));
    List<String> stages = rows.subList(2, rows.size()).stream()
        .map(r -> r.substring(0, r.indexOf(' '))).toList();
    assertEquals(List.of("rpc.call", "rpc.call+handle", "rpc.call0", "send+recv.qos.no",
        "send+recv.qos.processed", "send.qos.no", "send.qos.processed"), stages);
    assertTrue(rows.get(2).matches("rpc\\.call +2,000 +\\d+\\.\\d{3} +\\d+ +[\\d,]+"), rows.get(2));
  }

  @Test
  @DisplayName("benchmark runs a stage once unmeasured before the measured run, only the one selected")
  void benchmarkWarmsUpTheSelectedStage() throws InterruptedException {
    long small = framesOfOneStage(300);
    long large = framesOfOneStage(600);
    // connecting and closing cost the same each time; each extra iteration is sent twice
    assertEquals(2 * 300, large - small);
    assertTrue(err().contains("600 iterations per stage, each after 300 unmeasured per worker"),
        err());
    List<String> rows = out().lines().toList();
    assertEquals(3, rows.size(), out());
    assertTrue(rows.get(2).matches("send\\.qos\\.processed +600 +.*"), rows.get(2));
  }

  /** @return frames the broker read while the tool ran send.qos.processed with 2 workers */
  private long framesOfOneStage(int iterations) throws InterruptedException {
    out.reset();
    long before = settledFrames();
    assertEquals(0, loombus("", "benchmark", "-w", "2", "-i", String.valueOf(iterations),
        "--stage", "send.qos.processed"), err());
    return settledFrames() - before;
  }

  /**
   * The broker counts its own announcements of clients coming and going as frames read, and
   * announces a departure after the tool has returned; so the count is read once the tool's
   * clients have gone and it has stopped changing.
   *
   * @return frames the broker has read
   */
  private long settledFrames() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = broker.handle().statistics().rFrames();
      boolean toolGone = broker.handle().clients().stream()
          .noneMatch(c -> c.name().startsWith("cli.test"));
      if (now == last && toolGone) {
        return now;
      }
      last = now;
      Thread.sleep(50);
    }
    throw new AssertionError("the broker's frame count did not settle");
  }
}

package org.loombus.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.client.BusClients;
import org.loombus.client.ClientConfig;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcHandler;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Command lines written for busrt 0.5.6's tool, run unchanged against a real broker: only the
 * program name {@code busrt} and the socket word {@code SOCK} (or {@code HOSTPORT}) are replaced by
 * the tool and this broker's address. Each line's outcome on the bus is checked, not just its status.
 */
class BusrtCommandLineTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  private record Run(int status, String out, byte[] bytes, String err) {}

  /** Splits a line as a shell would for these lines: words, single quotes; then runs it. */
  private Run busrt(String line, String stdin) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    assertEquals("busrt", words.removeFirst());
    words.replaceAll(x -> x.equals("SOCK") ? broker.socketPath().toString()
        : x.equals("HOSTPORT") ? "127.0.0.1:" + broker.tcp().getPort() : x);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(words.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Run(status, out.toString(StandardCharsets.UTF_8), out.toByteArray(),
        err.toString(StandardCharsets.UTF_8));
  }

  private Run ok(String line) {
    return ok(line, "");
  }

  private Run ok(String line, String stdin) {
    Run r = busrt(line, stdin);
    assertEquals(0, r.status, line + ": " + r.err);
    return r;
  }

  @Test
  @DisplayName("broker test, info, stats and client.list, with every global option of busrt")
  void brokerCommands() {
    assertEquals("ok: true\n", ok("busrt SOCK broker test").out);
    assertTrue(ok("busrt SOCK broker info").out.startsWith("author: \"Loombus\"\n"));
    assertTrue(ok("busrt SOCK broker stats").out.contains("r_frames: "));
    try (RawClient c = broker.registerUnix("plant.sensor")) {
      String list = ok("busrt SOCK -n ops.tool broker client.list").out;
      assertTrue(list.lines().anyMatch(l -> l.startsWith("plant.sensor ")), list);
      assertFalse(list.contains("ops.tool"), list);
    }
    assertEquals("ok: true\n", ok("busrt SOCK --name ops.tool --buf-size 16384 --queue-size 1024"
        + " --timeout 2.5 --token secret -v broker test").out);
    assertEquals("ok: true\n", ok("busrt HOSTPORT broker test").out);
    assertEquals("ok: true\n", ok("busrt --name=ops.tool SOCK --timeout=3 broker test").out);
  }

  @Test
  @DisplayName("-s is busrt's --silent: call results as data (compact JSON, raw bytes)")
  void silent() {
    assertEquals("{\"ok\":true}\n", ok("busrt SOCK -s broker test").out);
    assertEquals("{\"ok\":true}\n", ok("busrt -s SOCK rpc call .broker test").out);
    assertEquals("{\"ok\":true}\n", ok("busrt SOCK --silent rpc call .broker test").out);
    assertEquals("{\"ok\": true}\n", ok("busrt SOCK rpc call .broker test").out);
  }

  @Test
  @DisplayName("listen with -t/--topics and --exclude; publish, send and broadcast reach it")
  void listenPublishSend() throws Exception {
    ByteArrayOutputStream listened = new ByteArrayOutputStream();
    String[] words = {broker.socketPath().toString(), "-n", "test.listener", "listen", "-t",
        "plant/#", "--topics", "office/+", "--exclude", "plant/secret"};
    Thread listener = Thread.ofVirtual().start(() -> Main.run(words,
        new PrintStream(listened, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0])));
    try {
      awaitLine(listened, "publish from", "busrt SOCK -n pub publish plant/alarm high");
      assertEquals("OK\n", ok("busrt SOCK -n pub publish plant/secret x").out);
      assertEquals("OK\n", ok("busrt SOCK -n pub publish office/door open").out);
      assertEquals("OK\n", ok("busrt SOCK -n pub send test.listener hello").out);
      assertEquals("OK\n", ok("busrt SOCK -n pub send 'test.*' everyone").out);
      assertEquals("OK\n", ok("busrt SOCK -n pub publish plant/level", "from stdin").out);
      awaitLine(listened, "publish from pub on plant/level: from stdin", null);
      List<String> lines = listened.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> !l.contains("plant/alarm")).toList();
      assertEquals(List.of("publish from pub on office/door: open",
          "message from pub: hello", "broadcast from pub: everyone",
          "publish from pub on plant/level: from stdin"), lines);
    } finally {
      listener.interrupt();
      listener.join();
    }
  }

  @Test
  @DisplayName("rpc listen serves calls; rpc call, call0 (k=v and - for stdin) and notify reach it")
  void rpc() throws Exception {
    ByteArrayOutputStream listened = new ByteArrayOutputStream();
    String[] words = {broker.socketPath().toString(), "-n", "svc", "rpc", "listen", "-t", "t/#"};
    Thread server = Thread.ofVirtual().start(() -> Main.run(words,
        new PrintStream(listened, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new ByteArrayInputStream(new byte[0])));
    try {
      awaitLine(listened, "call ping from cli.probe", "busrt SOCK -n cli.probe rpc call svc ping");
      listened.reset();
      assertEquals("\n", ok("busrt SOCK -n c1 rpc call svc add a=2 b=3").out);
      assertEquals("OK\n", ok("busrt SOCK -n c1 rpc call0 svc reset level=2").out);
      assertEquals("OK\n", ok("busrt SOCK -n c1 rpc call0 svc raw -", "bytes").out);
      assertEquals("OK\n", ok("busrt SOCK -n c1 rpc notify svc hello").out);
      awaitLine(listened, "notification from c1: hello", null);
      assertEquals(List.of("call add from c1: {\"a\": 2, \"b\": 3}",
          "call reset from c1: {\"level\": 2}", "call raw from c1: bytes",
          "notification from c1: hello"), listened.toString(StandardCharsets.UTF_8).lines().toList());
    } finally {
      server.interrupt();
      server.join();
    }
    Run missing = busrt("busrt SOCK rpc call .broker no.such.method", "");
    assertEquals(1, missing.status);
    assertEquals("loombus: RPC error -32601\n", missing.err);
  }

  @Test
  @DisplayName("benchmark with -w, -i and --payload-size (and the long forms) runs the seven stages")
  void benchmark() {
    for (String line : List.of("busrt SOCK benchmark -w 2 -i 2000 --payload-size 10",
        "busrt SOCK benchmark --workers 2 --iters 2000 --payload-size=10")) {
      List<String> rows = ok(line).out.lines().toList();
      assertEquals(9, rows.size(), line + ":\n" + String.join("\n", rows));
      assertTrue(rows.get(2).matches("rpc\\.call +2,000 .*"), rows.get(2));
    }
  }

  @Test
  @DisplayName("-s with a binary result writes its bytes unchanged")
  void silentBinary() throws Exception {
    byte[] binary = {0x00, (byte) 0xC1, 0x02}; // 0xC1 is never MessagePack
    try (RpcClient svc = RpcClient.start(BusClients.connect(ClientConfig.builder(
        broker.socketPath().toString(), "bin.svc").build()), new RpcHandler() {
          @Override
          public byte[] onCall(RpcEvent call) {
            return binary;
          }
        })) {
      assertArrayEquals(binary, ok("busrt SOCK -s rpc call bin.svc get").bytes);
      assertEquals("00c102\n", ok("busrt SOCK rpc call bin.svc get").out);
    }
  }

  /** Runs {@code line} (if any) until {@code out} holds a line starting with {@code expected}. */
  private void awaitLine(ByteArrayOutputStream out, String expected, String line)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (out.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.startsWith(expected))) {
      assertTrue(System.nanoTime() < deadline, "waiting for '" + expected + "', saw: " + out);
      if (line != null) {
        ok(line);
      }
      Thread.sleep(50);
    }
  }
}

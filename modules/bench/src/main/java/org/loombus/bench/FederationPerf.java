package org.loombus.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./dev federation-perf}: cross-node traffic of a federation (docs/federation.md#figures).
 * A nats-server on loopback, two loombusd nodes joined through it, responders ({@code loombus
 * benchmark --respond}) on node B and on node A; then, in each run, {@code loombus benchmark} on
 * node A against the responders of node B (cross-node), against those of node A (one node), and
 * NATS's own request/reply between two jnats clients. Prints the medians and the ratios.
 */
public final class FederationPerf {
  private static final List<String> STAGES = List.of("send.qos.no", "send.qos.processed",
      "rpc.call");
  private static final int WORKERS = 8;
  private static final int PAYLOAD = 100;

  private FederationPerf() {}

  /**
   * @param args {@code [--runs R] [-i ITERATIONS]}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = 3;
    long iterations = 200_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "-i" -> iterations = Long.parseLong(args[++i]);
        default -> {
          System.err.println("usage: FederationPerf [--runs R] [-i ITERATIONS]");
          System.exit(2);
        }
      }
    }
    QuietLog.apply();
    run(runs, iterations, System.out);
  }

  private static void run(int runs, long iterations, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("loombus-fed-perf");
    Path a = dir.resolve("a.sock");
    Path b = dir.resolve("b.sock");
    int port = freePort();
    String url = "nats://127.0.0.1:" + port;
    Map<String, double[]> cross = new LinkedHashMap<>();
    Map<String, double[]> local = new LinkedHashMap<>();
    double[] nats = new double[runs];
    try (ChildProcess server = ChildProcess.program(List.of(natsServer(), "-a", "127.0.0.1",
            "-p", Integer.toString(port)));
        ChildProcess nodeA = PerfMain.startDaemon(a, List.of("--federate", url, "--node", "A"));
        ChildProcess nodeB = PerfMain.startDaemon(b, List.of("--federate", url, "--node", "B"))) {
      PerfMain.awaitSocket(a);
      PerfMain.awaitSocket(b);
      try (ChildProcess peers = responders(b, "peer"); ChildProcess locals = responders(a, "local")) {
        measure(a, runs, iterations, url, cross, local, nats, out, server, nodeA, nodeB);
      } catch (Exception e) {
        // what the nodes said about it, for whoever reads a failed run
        for (ChildProcess node : List.of(nodeA, nodeB)) {
          node.output().lines().filter(l -> !l.contains(" INFO ")).forEach(System.err::println);
        }
        throw e;
      }
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
      Files.deleteIfExists(dir);
    }
    report(runs, cross, local, nats, out);
  }

  /** The warm-up and the runs, with the nodes and their responders up. */
  private static void measure(Path a, int runs, long iterations, String url,
      Map<String, double[]> cross, Map<String, double[]> local, double[] nats, PrintStream out,
      ChildProcess server, ChildProcess nodeA, ChildProcess nodeB) throws Exception {
    awaitReachable(a, "peer-" + WORKERS);
    awaitReachable(a, "local-" + WORKERS);
    out.printf(Locale.ROOT, "nats-server (pid %d) on %s, loombusd A (pid %d) and B (pid %d)"
        + " federated through it, responders on both, Java %s, %d CPUs; %,d iterations per"
        + " stage, -w %d, %d runs, one warm-up%n", server.pid(), url, nodeA.pid(), nodeB.pid(),
        Runtime.version(), Runtime.getRuntime().availableProcessors(), iterations, WORKERS, runs);
    for (String s : STAGES) {
      // A tenth of the iterations warms the acknowledged stages for about a second; fire and
      // forget runs through it in 10 ms, too short for the JIT, so it warms with all of them.
      long warmUp = s.equals("send.qos.no") ? iterations : iterations / 10;
      tool(a, s, "peer", warmUp);
      tool(a, s, "local", warmUp);
    }
    NatsRequestReply.rate(url, WORKERS, iterations / 10, PAYLOAD);
    for (int run = 0; run < runs; run++) {
      nats[run] = NatsRequestReply.rate(url, WORKERS, iterations, PAYLOAD);
      out.printf(Locale.ROOT, "run %d: %-34s %,12.0f/s%n", run + 1,
          "NATS request/reply (jnats) -w 8", nats[run]);
      for (String s : STAGES) {
        double x = measured(a, s, "peer", iterations, out);
        double l = measured(a, s, "local", iterations, out);
        cross.computeIfAbsent(s, k -> new double[runs])[run] = x;
        local.computeIfAbsent(s, k -> new double[runs])[run] = l;
        out.printf(Locale.ROOT, "run %d: %-34s %,12.0f/s  one node %,12.0f/s%n", run + 1,
            s + " A->B", x, l);
      }
    }
  }

  private static void report(int runs, Map<String, double[]> cross, Map<String, double[]> local,
      double[] nats, PrintStream out) {
    double rr = Report.median(nats);
    out.printf(Locale.ROOT, "%nmedians of %d runs (-w %d, %d-byte payloads):%n", runs, WORKERS,
        PAYLOAD);
    out.printf(Locale.ROOT, "%-22s %14s %14s %10s %16s%n", "stage", "A->B iters/s",
        "one node", "A->B/one", "NATS req/rep/A->B");
    for (String s : STAGES) {
      double x = Report.median(cross.get(s));
      double l = Report.median(local.get(s));
      String vsNats = s.equals("send.qos.no") ? "-" : String.format(Locale.ROOT, "%.2f", rr / x);
      out.printf(Locale.ROOT, "%-22s %,14.0f %,14.0f %10.2f %16s%n", s, x, l, x / l, vsNats);
    }
    out.printf(Locale.ROOT, "%-22s %,14.0f%n", "NATS request/reply", rr);
  }

  private static ChildProcess responders(Path socket, String name) throws IOException {
    return ChildProcess.jvm(List.of("-Xmx512m"), "org.loombus.cli/org.loombus.cli.Main",
        List.of(socket.toString(), "-n", "responders-" + name, "benchmark", "--respond",
            name, "-w", Integer.toString(WORKERS)));
  }

  /** Sends to {@code target} with the tool until the broker acknowledges it (not 71). */
  private static void awaitReachable(Path socket, String target) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (ChildProcess send = ChildProcess.jvm(List.of(), "org.loombus.cli/org.loombus.cli.Main",
          List.of(socket.toString(), "send", target, "ready?"))) {
        if (send.awaitExit(30) == 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IOException(target + " never became reachable");
  }

  /**
   * A measured stage; a failed one is reported and counts as NaN (no figure), which the medians
   * leave out, so that one stalled run does not cost the others.
   */
  private static double measured(Path socket, String stage, String target, long iterations,
      PrintStream out) throws Exception {
    try {
      return tool(socket, stage, target, iterations);
    } catch (IOException e) {
      out.printf(Locale.ROOT, "%s --target %s failed: %s%n", stage, target,
          e.getMessage().lines().filter(l -> l.startsWith("loombus:")).findFirst().orElse(""));
      return Double.NaN;
    }
  }

  /** Runs one stage of {@code loombus benchmark --target} and reads its iters/s. */
  private static double tool(Path socket, String stage, String target, long iterations)
      throws Exception {
    try (ChildProcess cli = ChildProcess.jvm(List.of(), "org.loombus.cli/org.loombus.cli.Main",
        List.of(socket.toString(), "benchmark", "-w", Integer.toString(WORKERS),
            "--payload-size", Integer.toString(PAYLOAD), "-i", Long.toString(iterations),
            "--stage", stage, "--target", target))) {
      String output = cli.awaitOutput(600);
      for (String line : output.split("\n")) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length == 5 && cols[0].equals(stage)) {
          return Double.parseDouble(cols[4].replace(",", ""));
        }
      }
      throw new IOException("no result for " + stage + " in: " + output);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String natsServer() throws IOException {
    for (String d : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/bin"}) {
      Path p = Path.of(d, "nats-server");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IOException("nats-server is not installed (./dev federation-perf installs it)");
  }
}

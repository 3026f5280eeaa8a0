package org.loombus.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./dev perf --matrix --reference DIR}: the broker's speed apart from the client's. Every
 * stage is measured in the 2×2 matrix {{@code loombus}, {@code busrt}} tool × {{@code loombusd},
 * {@code busrtd}}, the four cells one after another in every round (the brokers' order alternating
 * from round to round), with the broker daemon's CPU seconds per million operations for every
 * cell, and a raw two-process ping-pong in the same rounds. Prints the medians: the broker
 * comparison driven by the reference's own client, the client comparison against each broker,
 * and a lone {@code rpc.call} of each tool against the ping-pong.
 */
final class BrokerMatrix {
  private static final List<String> TOOLS = List.of("busrt", "loombus");
  private static final List<String> BROKERS = List.of("loombusd", "busrtd");

  /** Medians are taken of these: tool → broker → stage label → per round. */
  private final Map<String, Map<String, Map<String, double[]>>> rate = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, double[]>>> cpu = new LinkedHashMap<>();
  private final int rounds;

  private BrokerMatrix(int rounds) {
    this.rounds = rounds;
  }

  /**
   * @param rounds how many times every cell runs
   * @param iterations per stage (the lone caller runs a tenth)
   * @param daemonFlags more flags for loombusd
   * @param reference the directory of the reference's {@code busrtd} and {@code busrt}
   * @param out where the runs and the tables go
   * @throws Exception if a run fails
   */
  static void run(int rounds, long iterations, List<String> daemonFlags, Path reference,
      PrintStream out) throws Exception {
    new BrokerMatrix(rounds).measure(iterations, daemonFlags, reference, out);
  }

  private void measure(long iterations, List<String> daemonFlags, Path reference,
      PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("loombus-matrix");
    Path ours = dir.resolve("loombus.sock");
    Path echo = dir.resolve("echo.sock");
    double[] ping = new double[rounds];
    try (ChildProcess loombusd = PerfMain.startDaemon(ours, daemonFlags);
        ChildProcess echoer = ChildProcess.jvm(List.of(),
            "org.loombus.bench/org.loombus.bench.EchoServer", List.of(echo.toString()));
        ReferencePair busrtd = ReferencePair.start(reference, dir.resolve("busrt.sock"))) {
      PerfMain.awaitSocket(ours);
      PerfMain.awaitSocket(echo);
      Map<String, ChildProcess> daemons = Map.of("loombusd", loombusd, "busrtd", busrtd.daemon());
      Map<String, Path> sockets = Map.of("loombusd", ours, "busrtd", busrtd.socket());
      out.printf(Locale.ROOT, "the 2x2 matrix: loombusd %s(pid %d) and %s/busrtd --queue-size %d"
          + " (pid %d), each driven by the loombus tool and by the busrt tool; %,d iterations per"
          + " stage, %d rounds, Java %s, %d CPUs%n", String.join(" ", daemonFlags)
          + (daemonFlags.isEmpty() ? "" : " "), loombusd.pid(), reference,
          ReferencePair.QUEUE_SIZE, busrtd.pid(), iterations, rounds, Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      for (String b : BROKERS) { // warm-up of every JVM and cache, unmeasured
        busrtd.tool().run(sockets.get(b), 8, iterations / 10, PerfMain.PAYLOAD, null);
        for (PerfMain.Stage s : PerfMain.STAGES) {
          PerfMain.tool(sockets.get(b), s, iterations / 10);
        }
      }
      for (int round = 0; round < rounds; round++) {
        ping[round] = PerfMain.pingPong(echo, 1, iterations / 5);
        out.printf(Locale.ROOT, "round %d: raw ping-pong -w 1 %,.0f/s%n", round + 1, ping[round]);
        List<String> order = new ArrayList<>(BROKERS);
        if (round % 2 == 1) {
          order = order.reversed();
        }
        int r0 = round;
        for (String b : order) {
          ChildProcess daemon = daemons.get(b);
          for (int workers : new int[] {8, 1}) {
            long n = workers == 8 ? iterations : iterations / 10;
            busrtd.tool().run(sockets.get(b), workers, n, PerfMain.PAYLOAD, daemon)
                .forEach((stage, r) -> {
                  String label = stage + " -w " + workers;
                  if (workers == 8 || stage.equals("rpc.call")) {
                    record("busrt", b, label, r0, r.rate(), r.cpuPerMillion(), out);
                  }
                });
          }
          for (PerfMain.Stage s : PerfMain.STAGES) {
            double before = daemon.cpuSeconds();
            PerfMain.ToolRun t = PerfMain.tool(sockets.get(b), s,
                s.workers() == 1 ? iterations / 10 : iterations);
            record("loombus", b, s.label(), round, t.rate(),
                (daemon.cpuSeconds() - before) / (t.operations() / 1e6), out);
          }
        }
      }
    } finally {
      Files.deleteIfExists(ours);
      Files.deleteIfExists(echo);
      Files.deleteIfExists(dir);
    }
    report(Report.median(ping), out);
  }

  private void record(String tool, String broker, String label, int round, double r, double c,
      PrintStream out) {
    cell(rate, tool, broker, label)[round] = r;
    cell(cpu, tool, broker, label)[round] = c;
    out.printf(Locale.ROOT, "round %d: %-7s tool -> %-8s %-28s %,12.0f/s  %.2f CPU s/M%n",
        round + 1, tool, broker, label, r, c);
  }

  private double[] cell(Map<String, Map<String, Map<String, double[]>>> m, String tool,
      String broker, String label) {
    return m.computeIfAbsent(tool, t -> new LinkedHashMap<>())
        .computeIfAbsent(broker, b -> new LinkedHashMap<>())
        .computeIfAbsent(label, l -> {
          double[] runs = new double[rounds];
          Arrays.fill(runs, Double.NaN);
          return runs;
        });
  }

  private double median(Map<String, Map<String, Map<String, double[]>>> m, String tool,
      String broker, String label) {
    return Report.median(cell(m, tool, broker, label));
  }

  private void report(double ping, PrintStream out) {
    out.printf(Locale.ROOT, "%nmedians of %d rounds%n", rounds);
    out.printf(Locale.ROOT, "%nthe brokers, driven by the reference's tool (busrt benchmark):%n");
    out.printf(Locale.ROOT, "%-28s %12s %12s %7s %12s %12s%n", "stage", "loombusd/s",
        "busrtd/s", "ratio", "CPU s/M ours", "CPU s/M ref");
    for (PerfMain.Stage s : PerfMain.STAGES) {
      double l = median(rate, "busrt", "loombusd", s.label());
      double r = median(rate, "busrt", "busrtd", s.label());
      out.printf(Locale.ROOT, "%-28s %,12.0f %,12.0f %7.2f %12.2f %12.2f%n", s.label(), l, r,
          l / r, median(cpu, "busrt", "loombusd", s.label()),
          median(cpu, "busrt", "busrtd", s.label()));
    }
    for (String broker : BROKERS) {
      out.printf(Locale.ROOT, "%nthe tools, against %s:%n", broker);
      out.printf(Locale.ROOT, "%-28s %12s %12s %7s%n", "stage", "loombus/s", "busrt/s", "ratio");
      for (PerfMain.Stage s : PerfMain.STAGES) {
        double ours = median(rate, "loombus", broker, s.label());
        double theirs = median(rate, "busrt", broker, s.label());
        out.printf(Locale.ROOT, "%-28s %,12.0f %,12.0f %7.2f%n", s.label(), ours, theirs,
            ours / theirs);
      }
    }
    out.printf(Locale.ROOT, "%nraw ping-pong -w 1: %,.0f/s; a lone rpc.call against it:%n",
        ping);
    for (String tool : TOOLS) {
      for (String broker : BROKERS) {
        out.printf(Locale.ROOT, "  %-7s tool -> %-8s %,10.0f/s  %.2f%n", tool, broker,
            median(rate, tool, broker, "rpc.call -w 1"),
            median(rate, tool, broker, "rpc.call -w 1") / ping);
      }
    }
  }
}

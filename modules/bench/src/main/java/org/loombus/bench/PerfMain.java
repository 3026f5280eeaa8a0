package org.loombus.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev perf}: {@code loombusd} in a process of its own, measured stage by stage with the
 * {@code loombus benchmark} tool (docs/protocol.md §10.2) in another, next to a raw two-process
 * Unix-socket ping-pong measured in the same run (the floor of a round trip on this machine).
 * Prints the median of the runs for every stage, its ratio to the target (the reference broker's
 * figure on this machine kind) and the daemon's CPU seconds per million operations; with {@code
 * --reference DIR}, also the reference broker with its own tool measured in each run ({@link
 * ReferencePair}). The ratios are also drawn as an SVG chart ({@link StageChart}) for the docs.
 */
public final class PerfMain {
  /**
   * One measured stage: what the tool runs, and the target: what the reference broker reaches on
   * this machine kind by the performance issue (0: the ratio is to the raw ping-pong instead).
   */
  record Stage(String name, int workers, double target) {
    String label() {
      return name + " -w " + workers;
    }
  }

  static final List<Stage> STAGES = List.of(
      new Stage("rpc.call", 8, 125_000),
      new Stage("rpc.call+handle", 8, 66_000),
      new Stage("rpc.call0", 8, 200_000),
      new Stage("send+recv.qos.no", 8, 1_250_000),
      new Stage("send+recv.qos.processed", 8, 195_000),
      new Stage("send.qos.no", 8, 1_500_000),
      new Stage("send.qos.processed", 8, 205_000),
      new Stage("rpc.call", 1, 0));
  static final int PAYLOAD = 100;
  /** How the tool states its unmeasured iterations ({@code each after 20,000 unmeasured ...}). */
  private static final Pattern WARM_UP =
      Pattern.compile("each after ([0-9,]+) unmeasured per worker");

  /**
   * What one run of the tool did.
   *
   * @param rate the measured iterations per second, from its table
   * @param operations every iteration it ran, the unmeasured ones before the stage included: the
   *     daemon's CPU time covers them all
   */
  record ToolRun(double rate, long operations) {}

  private PerfMain() {}

  /**
   * @param args {@code [--runs R] [-i ITERATIONS] [--idle CLIENTS] [--workers N] [--reference
   *     DIR [--matrix]] [--chart FILE]}; {@code --chart} names the SVG chart of the stages'
   *     ratios (default {@code target/perf-stages.svg}); with {@code --idle}, the idle-client
   *     scenario of {@link IdleScale}
   *     instead of the stages; {@code --workers} starts loombusd with {@code -w N}; {@code
   *     --reference} names the directory of a build of the reference's {@code busrtd} and {@code
   *     busrt}; {@code --matrix} measures each tool against each broker ({@link BrokerMatrix})
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    int runs = 3;
    long iterations = 1_000_000;
    int idle = 0;
    List<String> daemonFlags = new ArrayList<>();
    Path reference = null;
    boolean matrix = false;
    Path chart = Path.of("target", "perf-stages.svg");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "-i" -> iterations = Long.parseLong(args[++i]);
        case "--idle" -> idle = Integer.parseInt(args[++i]);
        case "--workers" -> daemonFlags.addAll(List.of("-w", args[++i]));
        case "--reference" -> reference = Path.of(args[++i]);
        case "--matrix" -> matrix = true;
        case "--chart" -> chart = Path.of(args[++i]);
        default -> {
          System.err.println("usage: PerfMain [--runs R] [-i ITERATIONS] [--idle CLIENTS]"
              + " [--workers N] [--reference DIR [--matrix]] [--chart FILE]");
          System.exit(2);
        }
      }
    }
    QuietLog.apply();
    if (matrix && reference == null) {
      System.err.println("PerfMain: --matrix needs --reference DIR");
      System.exit(2);
    }
    if (matrix) {
      BrokerMatrix.run(runs, iterations, daemonFlags, reference, System.out);
    } else if (idle > 0) {
      IdleScale.run(idle, runs, daemonFlags, System.out);
    } else {
      run(runs, iterations, daemonFlags, reference, chart, System.out);
    }
  }

  private static void run(int runs, long iterations, List<String> daemonFlags, Path reference,
      Path chart, PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("loombus-perf");
    Path broker = dir.resolve("loombus.sock");
    Path echo = dir.resolve("echo.sock");
    Map<String, double[]> rates = new LinkedHashMap<>();
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, double[]> referenceRates = new LinkedHashMap<>();
    double[] ping1 = new double[runs];
    double[] ping8 = new double[runs];
    try (ChildProcess daemon = startDaemon(broker, daemonFlags);
        ChildProcess echoer = ChildProcess.jvm(List.of(),
            "org.loombus.bench/org.loombus.bench.EchoServer", List.of(echo.toString()));
        ReferencePair ref = reference == null ? null
            : ReferencePair.start(reference, dir.resolve("busrt.sock"))) {
      awaitSocket(broker);
      awaitSocket(echo);
      out.printf(Locale.ROOT, "loombusd %s(pid %d), the echo server (pid %d) and the loombus tool "
          + "in separate JVMs, Java %s, %d CPUs; %,d iterations per stage, %d runs, one warm-up%n",
          String.join(" ", daemonFlags) + (daemonFlags.isEmpty() ? "" : " "), daemon.pid(),
          echoer.pid(),
          Runtime.version(), Runtime.getRuntime().availableProcessors(), iterations, runs);
      if (ref != null) {
        out.printf(Locale.ROOT, "the reference: %s/busrtd --queue-size %d (pid %d) and its tool%n",
            reference, ReferencePair.QUEUE_SIZE, ref.pid());
        ref.benchmark(iterations / 10, PAYLOAD, out); // warm-up
      }
      for (Stage s : STAGES) {
        tool(broker, s, iterations / 10); // warm-up of both JVMs
      }
      for (int run = 0; run < runs; run++) {
        ping1[run] = pingPong(echo, 1, iterations / 5);
        ping8[run] = pingPong(echo, 8, iterations / 5);
        out.printf(Locale.ROOT, "run %d: raw ping-pong -w 1 %,.0f/s, -w 8 %,.0f/s%n",
            run + 1, ping1[run], ping8[run]);
        for (Stage s : STAGES) {
          double before = daemon.cpuSeconds();
          ToolRun t = tool(broker, s, iterations);
          double perMillion = (daemon.cpuSeconds() - before) / (t.operations() / 1e6);
          rates.computeIfAbsent(s.label(), k -> new double[runs])[run] = t.rate();
          cpu.computeIfAbsent(s.label(), k -> new double[runs])[run] = perMillion;
          out.printf(Locale.ROOT, "run %d: %-28s %,12.0f/s  daemon %.2f CPU s per million%n",
              run + 1, s.label(), t.rate(), perMillion);
        }
        if (ref != null) {
          Map<String, Double> measured = ref.benchmark(iterations, PAYLOAD, out);
          for (Stage s : STAGES) {
            double[] byRun = referenceRates.computeIfAbsent(s.label(), k -> new double[runs]);
            byRun[run] = Double.NaN; // its tool always runs -w 8
            if (s.workers() == 8) {
              byRun[run] = measured.getOrDefault(s.name(), Double.NaN);
              out.printf(Locale.ROOT, "run %d: %-28s %,12.0f/s  the reference with its tool%n",
                  run + 1, s.label(), byRun[run]);
            }
          }
        }
      }
    } finally {
      Files.deleteIfExists(broker);
      Files.deleteIfExists(echo);
      Files.deleteIfExists(dir);
    }
    out.printf(Locale.ROOT, "%nmedians of %d runs:%n", runs);
    out.printf(Locale.ROOT, "%-28s %12s %12s %7s %14s%s%n",
        "stage", "iters/s", "target", "ratio", "daemon CPU s/M",
        reference == null ? "" : "  reference here  ratio");
    List<StageChart.Bar> bars = new ArrayList<>();
    for (Stage s : STAGES) {
      double rate = Report.median(rates.get(s.label()));
      double base = s.workers() == 1 ? Report.median(ping1) : s.target();
      String here = "";
      double r = Double.NaN;
      if (reference != null) {
        r = Report.median(referenceRates.get(s.label()));
        here = Double.isNaN(r) ? String.format(Locale.ROOT, "  %14s", "-")
            : String.format(Locale.ROOT, "  %,14.0f %6.2f", r, rate / r);
      }
      bars.add(new StageChart.Bar(s.label(), rate, rate / base, rate / r));
      out.printf(Locale.ROOT, "%-28s %,12.0f %12s %7.2f %14.2f%s%n", s.label(), rate,
          s.workers() == 1 ? "ping-pong" : String.format(Locale.ROOT, "%,.0f", s.target()),
          rate / base, Report.median(cpu.get(s.label())), here);
    }
    out.printf(Locale.ROOT, "%-28s %,12.0f%n%-28s %,12.0f%n", "raw ping-pong -w 1",
        Report.median(ping1), "raw ping-pong -w 8", Report.median(ping8));
    Files.createDirectories(chart.toAbsolutePath().getParent());
    StageChart.write(chart, String.format(Locale.ROOT, "loombusd %sstage by stage: medians of %d "
        + "runs of %,d iterations, %d CPUs, %s", String.join(" ", daemonFlags)
        + (daemonFlags.isEmpty() ? "" : " "), runs, iterations,
        Runtime.getRuntime().availableProcessors(), LocalDate.now()), bars);
    out.println("chart: " + chart);
  }

  /** Runs one stage of {@code loombus benchmark} and reads its iters/s from the table. */
  static ToolRun tool(Path broker, Stage s, long iterations) throws Exception {
    try (ChildProcess cli = ChildProcess.jvm(List.of(), "org.loombus.cli/org.loombus.cli.Main",
        List.of(broker.toString(), "benchmark", "-w", Integer.toString(s.workers()),
            "--payload-size", Integer.toString(PAYLOAD), "-i", Long.toString(iterations),
            "--stage", s.name()))) {
      String output = cli.awaitOutput(600);
      Matcher warmUp = WARM_UP.matcher(output);
      if (!warmUp.find()) {
        throw new IOException("the tool did not state its unmeasured iterations: " + output);
      }
      long operations = iterations + s.workers() * Long.parseLong(warmUp.group(1).replace(",", ""));
      for (String line : output.split("\n")) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length == 5 && cols[0].equals(s.name())) {
          return new ToolRun(Double.parseDouble(cols[4].replace(",", "")), operations);
        }
      }
      throw new IOException("no result for " + s.name() + " in: " + output);
    }
  }

  /**
   * Starts loombusd with the heap its launcher gives it.
   *
   * @param broker its Unix socket
   * @param flags more daemon flags, e.g. {@code -w 1}
   * @return the running daemon
   * @throws IOException if it cannot start
   */
  static ChildProcess startDaemon(Path broker, List<String> flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("-B", broker.toString()));
    args.addAll(flags);
    return ChildProcess.jvm(List.of("-Xms32m", "-Xmx512m"),
        "org.loombus.daemon/org.loombus.daemon.Daemon", args);
  }

  /**
   * Round trips of {@value #PAYLOAD} bytes each way to the echo process, one in flight per
   * connection, each connection served by its own platform thread.
   */
  static double pingPong(Path echo, int workers, long total) throws Exception {
    List<SocketChannel> channels = new ArrayList<>();
    try {
      for (int w = 0; w < workers; w++) {
        channels.add(SocketChannel.open(UnixDomainSocketAddress.of(echo)));
      }
      List<ParallelRun.Task> tasks = new ArrayList<>();
      long each = total / workers;
      for (SocketChannel ch : channels) {
        tasks.add(() -> {
          ByteBuffer b = ByteBuffer.allocateDirect(PAYLOAD);
          for (long i = 0; i < each; i++) {
            Wire.writeFully(ch, b.clear());
            Wire.readFully(ch, b.clear());
          }
        });
      }
      long nanos = ParallelRun.nanos(tasks, Duration.ofMinutes(5));
      return each * workers * 1e9 / nanos;
    } finally {
      for (SocketChannel ch : channels) {
        ch.close();
      }
    }
  }

  static void awaitSocket(Path p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(p)) {
      if (System.nanoTime() > deadline) {
        throw new IOException("nothing listens on " + p);
      }
      Thread.sleep(20);
    }
    Thread.sleep(200);
  }
}

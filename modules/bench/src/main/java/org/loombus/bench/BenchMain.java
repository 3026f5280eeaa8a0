package org.loombus.bench;

import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmark: for N client pairs over a Unix socket, the broker's throughput of
 * fire-and-forget (QoS 0) and acknowledged (QoS 1) direct messages, each next to the raw
 * Unix-socket baseline of the same shape (one write per frame, and a ping-pong), all in one run
 * on one machine. Every measurement gets one warm-up run, then the timed runs; every run is
 * bounded by its frame count and a time limit. {@code --help} lists the options.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * Exits 0 after printing the table, 1 if a run fails, 2 on a command-line error.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * @param args the command line
   * @param out where progress and the table go
   * @param err where errors go
   * @return the exit status: 0 done, 1 a run failed, 2 command-line error
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (BenchOptions.UsageException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      out.print(BenchOptions.USAGE);
      return 0;
    }
    try {
      run(options, out);
      return 0;
    } catch (Exception e) {
      err.println("bench: " + e.getMessage());
      return 1;
    }
  }

  private static void run(BenchOptions o, PrintStream out) throws Exception {
    InProcessBroker local = o.socket() == null ? InProcessBroker.start() : null;
    try {
      UnixDomainSocketAddress broker =
          local != null ? local.address() : UnixDomainSocketAddress.of(o.socket());
      long streamed = o.frames() / o.pairs();
      long acked = o.acked() / o.pairs();
      Report.Row rawStream = new Report.Row(new RawStream(o), streamed * o.pairs(), null);
      Report.Row rawPingPong = new Report.Row(new RawPingPong(o), acked * o.pairs(), null);
      Report.Row brokerStream =
          new Report.Row(new BrokerStream(o, broker), streamed * o.pairs(), rawStream);
      List<Report.Row> rows = List.of(
          rawStream,
          brokerStream,
          new Report.Row(new SlowConsumerStream(o, broker), streamed * o.pairs(), brokerStream),
          rawPingPong,
          new Report.Row(new BrokerAcked(o, broker), acked * o.pairs(), rawPingPong));
      out.printf(Locale.ROOT, "Loombus bench: %d pairs, %d-byte payloads, %s%n",
          o.pairs(), o.payload(), local != null
              ? "in-process broker (T = 5 s, queue 8192, 16 KiB buffers) on a Unix socket"
              : "broker on " + o.socket());
      out.printf(Locale.ROOT, "Java %s on %d CPUs; one warm-up run of 1/10 the count, "
          + "then %d timed runs per measurement%n%n",
          Runtime.version(), Runtime.getRuntime().availableProcessors(), o.runs());
      for (Report.Row row : rows) {
        measure(row, Math.max(1, row.total() / o.pairs() / 10), "warm-up", out);
      }
      for (int run = 1; run <= o.runs(); run++) {
        for (Report.Row row : rows) {
          row.rates().add(
              measure(row, row.total() / o.pairs(), "run " + run + "/" + o.runs(), out));
        }
      }
      out.println();
      Report.print(out, rows);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private static double measure(Report.Row row, long perPair, String which, PrintStream out)
      throws Exception {
    String label = row.measurement().label();
    try {
      double rate = row.measurement().run(perPair);
      out.printf(Locale.ROOT, "%-8s %-45s %,12.0f/s%n", which, label, rate);
      return rate;
    } catch (Exception e) {
      throw new Exception(which + " of '" + label + "' failed: " + e, e);
    }
  }
}

package org.loombus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's own benchmark tool, {@code busrt SOCKET benchmark}, run against any BUS/RT
 * broker: it runs its seven stages one after another and reports each as it completes. While it
 * runs, the broker daemon's CPU time is read at each stage's end, so each stage gets the CPU the
 * broker spent on it. The tool is the user's build; nothing of it is part of this project.
 */
final class BusrtTool {
  /** A stage the tool finished: {@code *** stage completed: X (1_000 iters, 1 secs)}. */
  private static final Pattern COMPLETED = Pattern.compile(
      "\\*\\*\\* stage completed: (\\S+) \\(([0-9_]+) iters, ([0-9.]+) secs\\)");

  /**
   * One stage as measured.
   *
   * @param rate iterations per second
   * @param cpuPerMillion the broker's CPU seconds per million iterations, or NaN if no daemon
   *     was watched
   */
  record Result(double rate, double cpuPerMillion) {}

  private final Path tool;

  /** @param tool the {@code busrt} executable */
  BusrtTool(Path tool) {
    this.tool = tool;
  }

  /**
   * Runs all stages once.
   *
   * @param socket the broker's Unix socket
   * @param workers the tool's {@code -w}
   * @param iterations per stage
   * @param payload payload bytes
   * @param broker the broker's process, whose CPU is charged to the stages, or {@code null}
   * @return the stages it completed, by name, in order
   * @throws Exception if the tool cannot run or runs for more than an hour
   */
  Map<String, Result> run(Path socket, int workers, long iterations, int payload,
      ChildProcess broker) throws Exception {
    Map<String, Result> results = new LinkedHashMap<>();
    try (ChildProcess run = ChildProcess.program(List.of(tool.toString(), socket.toString(),
        "benchmark", "-w", Integer.toString(workers), "--payload-size",
        Integer.toString(payload), "--iters", Long.toString(iterations)))) {
      double cpuBefore = broker == null ? 0 : broker.cpuSeconds();
      long deadline = System.nanoTime() + 3_600_000_000_000L;
      int seen = 0;
      boolean ended;
      do {
        ended = !run.isAlive();
        Matcher m = COMPLETED.matcher(run.output());
        for (int i = 0; m.find(); i++) {
          if (i < seen) {
            continue;
          }
          double cpuNow = broker == null ? 0 : broker.cpuSeconds();
          long iters = Long.parseLong(m.group(2).replace("_", ""));
          double cpu = broker == null ? Double.NaN : (cpuNow - cpuBefore) / (iters / 1e6);
          results.put(m.group(1), new Result(iters / Double.parseDouble(m.group(3)), cpu));
          cpuBefore = cpuNow;
          seen++;
        }
        if (!ended) {
          Thread.sleep(5); // a stage lasts seconds: the CPU read 5 ms late is noise
        }
      } while (!ended && System.nanoTime() < deadline);
      if (!ended) {
        throw new IOException("busrt benchmark still running after an hour");
      }
    }
    return results;
  }

  /**
   * @param output what the tool printed
   * @return iterations per second by stage name, for every stage it reports completed
   */
  static Map<String, Double> rates(String output) {
    Map<String, Double> rates = new LinkedHashMap<>();
    Matcher m = COMPLETED.matcher(output);
    while (m.find()) {
      long iters = Long.parseLong(m.group(2).replace("_", ""));
      rates.put(m.group(1), iters / Double.parseDouble(m.group(3)));
    }
    return rates;
  }
}

package org.loombus.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The results of one bench invocation: per measurement every timed run, the median, and for broker
 * rows the ratio of the broker's median to its baseline's median.
 */
final class Report {
  /**
   * One line of the table.
   *
   * @param measurement what was run
   * @param total frames (or round trips) per run, all pairs together
   * @param baseline the row this one is compared with, or {@code null} for a baseline
   * @param rates per-second rate of each timed run, in order
   */
  record Row(Measurement measurement, long total, Row baseline, List<Double> rates) {
    Row(Measurement measurement, long total, Row baseline) {
      this(measurement, total, baseline, new ArrayList<>());
    }

    double median() {
      return Report.median(rates.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  private Report() {}

  /**
   * @param values measurements; NaN marks a run that measured nothing (e.g. a stage that failed)
   * @return the median of the values that are numbers, NaN if none is
   */
  static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    int n = v.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * @param out where to print
   * @param rows the rows, with their rates
   */
  static void print(PrintStream out, List<Row> rows) {
    int labelWidth = rows.stream().mapToInt(r -> r.measurement().label().length()).max().orElse(0);
    int runs = rows.get(0).rates().size();
    List<String> head = new ArrayList<>(List.of(pad("measurement", labelWidth), "      total",
        "    median/s"));
    for (int i = 1; i <= runs; i++) {
      head.add(String.format("%12s", "run " + i + "/s"));
    }
    head.add("  broker/baseline");
    out.println(String.join(" ", head));
    for (Row r : rows) {
      StringBuilder line = new StringBuilder()
          .append(pad(r.measurement().label(), labelWidth))
          .append(String.format(Locale.ROOT, " %,11d %,12.0f", r.total(), r.median()));
      for (double rate : r.rates()) {
        line.append(String.format(Locale.ROOT, " %,12.0f", rate));
      }
      if (r.baseline() != null) {
        line.append(String.format(Locale.ROOT, "  %15.2f", r.median() / r.baseline().median()));
      }
      out.println(line);
    }
  }

  private static String pad(String s, int width) {
    char[] spaces = new char[Math.max(0, width - s.length())];
    Arrays.fill(spaces, ' ');
    return s + new String(spaces);
  }
}

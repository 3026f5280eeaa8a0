package org.loombus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The picture of one {@code ./dev perf} invocation for the docs: an SVG bar chart with a bar per
 * stage showing its median's ratio to its baseline (the target, or the raw ping-pong for {@code
 * -w 1}), a line at 1 where the baseline is, and each bar labelled with its ratio and rate. A
 * second, lighter bar per stage shows the ratio to the reference broker measured in the same runs,
 * when there is one. Plain SVG with no script or external reference, so a Markdown viewer shows it.
 */
final class StageChart {
  /**
   * One stage's bars.
   *
   * @param label the stage, e.g. {@code rpc.call -w 8}
   * @param rate its median, per second
   * @param ratio median over its baseline
   * @param referenceRatio median over the reference's median, NaN if not measured
   */
  record Bar(String label, double rate, double ratio, double referenceRatio) {}

  private static final int LABEL_WIDTH = 190;
  private static final int PLOT_WIDTH = 460;
  private static final int ROW = 34;
  private static final int TOP = 46;

  private StageChart() {}

  /**
   * @param title the first line above the chart (what ran, where)
   * @param bars the stages in order
   * @return the SVG document
   */
  static String svg(String title, List<Bar> bars) {
    double max = Math.max(1.5, bars.stream()
        .mapToDouble(b -> Math.max(b.ratio(), Double.isNaN(b.referenceRatio()) ? 0
            : b.referenceRatio()))
        .filter(r -> !Double.isNaN(r)).max().orElse(1));
    double scale = PLOT_WIDTH / Math.ceil(max * 2) * 2; // the axis ends on a multiple of 0.5
    boolean withReference = bars.stream().anyMatch(b -> !Double.isNaN(b.referenceRatio()));
    int height = TOP + bars.size() * ROW + 40;
    int width = LABEL_WIDTH + PLOT_WIDTH + 110;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        width, height, width, height));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
        width, height));
    s.append(text(10, 18, "start", "bold", title));
    s.append(text(10, 34, "start", "normal", withReference
        ? "dark: median / baseline (target, or raw ping-pong for -w 1); light: median / reference "
            + "measured in the same runs"
        : "median / baseline (target, or raw ping-pong for -w 1)"));
    // the grid first, so that bars and their labels are drawn over it
    int axisY = TOP + bars.size() * ROW;
    for (double tick = 0; tick <= PLOT_WIDTH / scale + 1e-9; tick += 0.5) {
      int x = LABEL_WIDTH + (int) Math.round(tick * scale);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"%s\" stroke-width=\"%s\"/>%n", x, TOP - 4, x, axisY,
          tick == 1 ? "#c53030" : "#e2e8f0", tick == 1 ? "2" : "1"));
      s.append(text(x, axisY + 16, "middle", "normal", String.format(Locale.ROOT, "%.1f", tick)));
    }
    s.append(text(LABEL_WIDTH + (int) scale, axisY + 32, "middle", "normal", "1 = baseline"));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = TOP + i * ROW;
      s.append(text(LABEL_WIDTH - 8, y + 16, "end", "normal", b.label()));
      s.append(bar(y + 4, withReference ? 12 : 22, b.ratio(), scale, "#2b6cb0"));
      s.append(text(LABEL_WIDTH + (int) (b.ratio() * scale) + 6, y + 15, "start", "normal",
          String.format(Locale.ROOT, "%.2f  (%,.0f/s)", b.ratio(), b.rate())));
      if (!Double.isNaN(b.referenceRatio())) {
        s.append(bar(y + 17, 10, b.referenceRatio(), scale, "#90cdf4"));
        s.append(text(LABEL_WIDTH + (int) (b.referenceRatio() * scale) + 6, y + 26, "start",
            "normal", String.format(Locale.ROOT, "%.2f", b.referenceRatio())));
      }
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /**
   * Writes {@link #svg} to a file.
   *
   * @param file where; its directory must exist
   * @param title see {@link #svg}
   * @param bars see {@link #svg}
   * @throws IOException if it cannot be written
   */
  static void write(Path file, String title, List<Bar> bars) throws IOException {
    Files.writeString(file, svg(title, bars), StandardCharsets.UTF_8);
  }

  private static String bar(int y, int height, double ratio, double scale, String colour) {
    double w = Double.isNaN(ratio) ? 0 : ratio * scale;
    return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
        + "fill=\"%s\"/>%n", LABEL_WIDTH, y, w, height, colour);
  }

  private static String text(int x, int y, String anchor, String weight, String content) {
    String escaped = content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
        + "font-weight=\"%s\">%s</text>%n", x, y, anchor, weight, escaped);
  }
}

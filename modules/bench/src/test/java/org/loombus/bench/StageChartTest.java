package org.loombus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StageChartTest {
  private static final Pattern RECT = Pattern.compile(
      "<rect x=\"190\" y=\"(\\d+)\" width=\"([0-9.]+)\" height=\"\\d+\" fill=\"(#[0-9a-f]+)\"/>");

  @Test
  @DisplayName("bars are as long as their ratios on one scale, the reference's lighter beside them")
  void barsScaleWithRatios() {
    String svg = StageChart.svg("run <1>", List.of(
        new StageChart.Bar("rpc.call -w 8", 62_500, 0.5, Double.NaN),
        new StageChart.Bar("send.qos.no -w 8", 1_500_000, 1.0, 1.5),
        new StageChart.Bar("rpc.call -w 1", 40_000, 2.0, Double.NaN)));
    List<String> bars = new ArrayList<>();
    Matcher m = RECT.matcher(svg);
    while (m.find()) {
      bars.add(m.group(2) + " " + m.group(3));
    }
    // the largest ratio, 2.0, spans the whole 460-pixel plot: 230 pixels per unit
    assertEquals(List.of("115.0 #2b6cb0", "230.0 #2b6cb0", "345.0 #90cdf4", "460.0 #2b6cb0"),
        bars);
    assertTrue(svg.contains("<line x1=\"420\" y1=\"42\" x2=\"420\" y2=\"148\" stroke=\"#c53030\""),
        "the baseline line at ratio 1: " + svg);
    assertTrue(svg.contains(">1.50</text>"), svg);
    assertTrue(svg.contains(">2.00  (40,000/s)</text>"), svg);
    assertTrue(svg.contains(">run &lt;1&gt;</text>"), "the title is escaped: " + svg);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assertTrue(svg.endsWith("</svg>\n"));
  }

  @Test
  @DisplayName("without a reference the legend names one bar kind and the axis reaches 1.5")
  void axisCoversTheBaselineWhenAllAreBelow() {
    String svg = StageChart.svg("t", List.of(new StageChart.Bar("a", 1, 0.3, Double.NaN)));
    assertFalse(svg.contains("light:"), svg);
    // max(1.5, 0.3) → the axis ends at 1.5, so the bar is 0.3 / 1.5 of 460 pixels
    assertTrue(svg.contains("width=\"92.0\""), svg);
    assertTrue(svg.contains(">1.5</text>") && !svg.contains(">2.0</text>"), svg);
  }
}

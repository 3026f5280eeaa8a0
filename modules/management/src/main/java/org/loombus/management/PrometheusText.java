package org.loombus.management;

import java.util.Locale;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: a {@code # HELP} and a
 * {@code # TYPE} line per metric family, then its samples, label values escaped.
 */
final class PrometheusText {
  /** The content type a scraper expects for this format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(4096);

  /**
   * Starts a metric family.
   *
   * @param name metric name
   * @param type {@code counter}, {@code gauge} or {@code histogram}
   * @param help one line of description
   * @return this writer
   */
  PrometheusText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /**
   * A family of one unlabelled counter and its sample, the commonest shape.
   *
   * @param name metric name
   * @param help one line of description
   * @param value the count
   * @return this writer
   */
  PrometheusText counter(String name, String help, long value) {
    return family(name, "counter", help).sample(name, value);
  }

  /**
   * A family of one unlabelled gauge and its sample.
   *
   * @param name metric name
   * @param help one line of description
   * @param value the value now
   * @return this writer
   */
  PrometheusText gauge(String name, String help, long value) {
    return family(name, "gauge", help).sample(name, value);
  }

  /**
   * @param name sample name (the family's, or with a histogram's suffix)
   * @param value the value
   * @param labels label names and values, alternating
   * @return this writer
   */
  PrometheusText sample(String name, long value, String... labels) {
    return sample(name, Long.toString(value), labels);
  }

  /**
   * @param name sample name
   * @param value the value, written with millisecond precision
   * @param labels label names and values, alternating
   * @return this writer
   */
  PrometheusText sample(String name, double value, String... labels) {
    return sample(name, String.format(Locale.ROOT, "%.3f", value), labels);
  }

  private PrometheusText sample(String name, String value, String... labels) {
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        if (i > 0) {
          out.append(',');
        }
        out.append(labels[i]).append("=\"");
        appendLabelValue(labels[i + 1]);
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ').append(value).append('\n');
    return this;
  }

  /**
   * Backslash, double quote and line feed are the three characters the format escapes; an absent
   * value is the empty one, which Prometheus treats as no label.
   */
  private void appendLabelValue(String v) {
    if (v == null) {
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

package org.loombus.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table: text columns left-aligned, numeric ones right-aligned. */
final class Table {
  private final List<String> header;
  private final boolean[] numeric;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> header, boolean... numeric) {
    this.header = header;
    this.numeric = numeric;
  }

  void add(List<String> row) {
    rows.add(row);
  }

  void print(PrintStream out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    line(header, width, out);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      rule.append(i > 0 ? "  " : "").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (List<String> r : rows) {
      line(r, width, out);
    }
  }

  private void line(List<String> cells, int[] width, PrintStream out) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      b.append(i > 0 ? "  " : "").append(i < numeric.length && numeric[i] ? pad + c : c + pad);
    }
    out.println(b.toString().stripTrailing());
  }
}

package org.loombus.cli;

import java.util.ArrayList;
import java.util.List;

/** The words of one command: flags with values, and positional arguments, checked strictly. */
final class Args {
  private final List<String> words;
  private int next;
  private String inline;

  Args(List<String> words) {
    this.words = new ArrayList<>(words);
  }

  boolean hasNext() {
    return next < words.size();
  }

  String peek() {
    return words.get(next);
  }

  String next(String what) throws CliException {
    if (!hasNext()) {
      throw CliException.usage("missing " + what + " (see --help)");
    }
    return words.get(next++);
  }

  /**
   * Takes an option; a long option written {@code --name=value} (as clap, busrt's parser, allows)
   * leaves its value for the next {@link #value}.
   */
  String flag() throws CliException {
    String w = next("option");
    int eq = w.indexOf('=');
    if (w.startsWith("--") && eq > 2) {
      inline = w.substring(eq + 1);
      return w.substring(0, eq);
    }
    return w;
  }

  /** @return the value of a flag just taken */
  String value(String flag) throws CliException {
    if (inline != null) {
      String v = inline;
      inline = null;
      return v;
    }
    if (!hasNext()) {
      throw CliException.usage(flag + ": a value is required");
    }
    return words.get(next++);
  }

  int intValue(String flag, int min) throws CliException {
    String v = value(flag);
    try {
      int n = Integer.parseInt(v);
      if (n < min) {
        throw CliException.usage(flag + ": must be at least " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + ": '" + v + "' is not a whole number");
    }
  }

  List<String> rest() {
    List<String> r = List.copyOf(words.subList(next, words.size()));
    next = words.size();
    return r;
  }

  void end() throws CliException {
    if (hasNext()) {
      throw CliException.usage("unexpected argument '" + peek() + "' (see --help)");
    }
  }

  static boolean isHelp(String w) {
    return w.equals("-h") || w.equals("--help");
  }
}

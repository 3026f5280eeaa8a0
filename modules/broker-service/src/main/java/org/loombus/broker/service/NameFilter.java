package org.loombus.broker.service;

import java.util.regex.Pattern;

/**
 * The {@code client.list} filter (docs/protocol.md §5.4) with a bound on the work it may do. Java's
 * regex engine backtracks (the reference's does not), so a filter such as {@code ((a+)+)+b} against
 * a client's long name runs for hours; {@code .broker} answers on the caller's own thread, so a
 * client could occupy a carrier thread, and with two such calls a two-core broker, indefinitely.
 * Every character the engine reads is counted against one budget per call; a call that exhausts it
 * is refused.
 */
final class NameFilter {
  /** Characters the engine may read in one call, over all names: ~10 ms to a few 100 ms. */
  static final long BUDGET = 10_000_000;

  /** The budget ran out. */
  static final class TooComplex extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super("the filter needs more than " + BUDGET + " steps", null, false, false);
    }
  }

  private final Pattern pattern;
  private long left = BUDGET;

  NameFilter(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * @param name a client name
   * @return whether the filter is found in it (unanchored, as {@link java.util.regex.Matcher#find})
   * @throws TooComplex if the call's budget runs out
   */
  boolean matches(String name) {
    return pattern.matcher(new Counted(name)).find();
  }

  /** The name as the engine reads it, one budget step per character read. */
  private final class Counted implements CharSequence {
    private final String text;

    Counted(String text) {
      this.text = text;
    }

    @Override
    public char charAt(int index) {
      if (--left < 0) {
        throw new TooComplex();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counted(text.substring(start, end));
    }

    @Override
    public String toString() {
      return text;
    }
  }
}

package org.loombus.broker.service;

import org.loombus.broker.service.RegexParser.SyntaxException;

/**
 * The {@code client.list} filter (docs/protocol.md §5.4): an unanchored regular expression over
 * client names, searched without backtracking ({@link RegexProgram}), with one bound on the work
 * of a whole call. So no filter, {@code ((a+)+)+b} included, can hold a thread for long: Java's
 * own regex engine backtracks, and took hours on such a filter against a long name.
 */
final class NameFilter {
  /** States the search may visit in one call, over all names: a few milliseconds. */
  static final long BUDGET = 10_000_000;

  /** The budget ran out. */
  static final class TooComplex extends Exception {
    private static final long serialVersionUID = 1L;

    TooComplex() {
      super("the filter needs more than " + BUDGET + " steps", null, false, false);
    }
  }

  private final RegexProgram program;
  private final RegexProgram.Budget budget = new RegexProgram.Budget(BUDGET);

  /**
   * @param pattern the filter
   * @throws SyntaxException if it is not a regular expression this engine accepts
   */
  NameFilter(String pattern) throws SyntaxException {
    this.program = RegexProgram.compile(pattern);
  }

  /**
   * @param name a client name
   * @return whether the filter occurs in it
   * @throws TooComplex if the call's budget runs out
   */
  boolean matches(String name) throws TooComplex {
    Boolean found = program.find(name, budget);
    if (found == null) {
      throw new TooComplex();
    }
    return found;
  }
}

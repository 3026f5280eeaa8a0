package org.loombus.aldrin.protocol;

/**
 * Input that the strict Aldrin decoder rejects. The {@link #problem()} says which rule was broken;
 * the message adds where and what was found, for logs.
 */
public final class AldrinDecodeException extends Exception {
  /** Serialisation version of this class. */
  private static final long serialVersionUID = 1L;

  /** Offset given when the problem is not tied to a position in the input. */
  public static final int NO_OFFSET = -1;

  /** The broken rule. */
  private final DecodeProblem problem;

  /** Where in the input it was noticed. */
  private final int offset;

  /**
   * @param problem the broken rule
   * @param offset byte offset in the decoded input where it was noticed, or {@link #NO_OFFSET}
   * @param detail what was found, for humans
   */
  public AldrinDecodeException(DecodeProblem problem, int offset, String detail) {
    super(problem + (offset >= 0 ? " at offset " + offset : "") + ": " + detail);
    this.problem = problem;
    this.offset = offset;
  }

  /** @return the broken rule */
  public DecodeProblem problem() {
    return problem;
  }

  /** @return the byte offset where the problem was noticed, or {@link #NO_OFFSET} */
  public int offset() {
    return offset;
  }
}

package org.loombus.aldrin.protocol;

/**
 * How strict decoding is. The two presets differ only where Aldrin's own decoder is lenient;
 * every other rule (exact lengths, no trailing bytes, known kinds, UTF-8, depth) always applies.
 *
 * @param maxValueDepth deepest nesting a value may have: a top-level value is at depth 1, and every
 *     {@code Some}, enum payload, element, map value and struct field is one deeper than its
 *     container; between 1 and {@link #DEPTH_CEILING}
 * @param requireCanonical whether varints must use their shortest form and booleans must be 0 or
 *     1; Aldrin accepts both longer varints and any non-zero byte as {@code true}, but its encoder
 *     never produces them
 */
public record DecodeRules(int maxValueDepth, boolean requireCanonical) {
  /** Aldrin's own depth limit ({@code MAX_VALUE_DEPTH} in aldrin-core). */
  public static final int ALDRIN_MAX_VALUE_DEPTH = 32;

  /** Upper bound for {@link #maxValueDepth}, so that recursive decoding cannot exhaust a stack. */
  public static final int DEPTH_CEILING = 1024;

  /** The default: Aldrin's depth limit, and only the encodings Aldrin's encoder produces. */
  public static final DecodeRules STRICT = new DecodeRules(ALDRIN_MAX_VALUE_DEPTH, true);

  /** Aldrin's depth limit, and every varint and boolean form Aldrin's decoder accepts. */
  public static final DecodeRules ALDRIN_COMPATIBLE =
      new DecodeRules(ALDRIN_MAX_VALUE_DEPTH, false);

  /** Checks the depth bounds. */
  public DecodeRules {
    if (maxValueDepth < 1 || maxValueDepth > DEPTH_CEILING) {
      throw new IllegalArgumentException(
          "maxValueDepth must be in 1.." + DEPTH_CEILING + ": " + maxValueDepth);
    }
  }

  /**
   * @param depth the new depth limit
   * @return these rules with another depth limit
   */
  public DecodeRules withMaxValueDepth(int depth) {
    return new DecodeRules(depth, requireCanonical);
  }
}

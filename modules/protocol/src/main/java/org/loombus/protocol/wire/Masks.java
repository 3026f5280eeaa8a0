package org.loombus.protocol.wire;

/**
 * Matching of broadcast name masks and subscription topic masks (docs/protocol.md §3.3, §3.4). Both
 * split mask and subject plainly on a separator; a whole-segment multi wildcard ({@code *} or
 * {@code #}) matches one or more remaining segments and ends the comparison, a whole-segment single
 * wildcard ({@code ?} or {@code +}) matches exactly one segment, anything else is literal.
 */
public final class Masks {
  private Masks() {}

  /**
   * @param mask a broadcast mask such as {@code a.*} or {@code ?.b}
   * @param name a client name
   * @return whether the mask selects the name
   */
  public static boolean matchesName(String mask, String name) {
    return matches(mask, name, '.', '*', '?');
  }

  /**
   * @param mask a subscription mask such as {@code a/#} or {@code a/+}
   * @param topic a topic
   * @return whether the mask selects the topic
   */
  public static boolean matchesTopic(String mask, String topic) {
    return matches(mask, topic, '/', '#', '+');
  }

  /**
   * The shared algorithm, walking both strings segment by segment without allocating.
   *
   * @param mask the mask
   * @param subject the name or topic
   * @param sep the segment separator
   * @param multi the one-or-more wildcard
   * @param single the exactly-one wildcard
   * @return whether the mask selects the subject
   */
  public static boolean matches(String mask, String subject, char sep, char multi, char single) {
    int mi = 0;
    int si = 0;
    boolean subjectHasSegment = true;
    while (true) {
      int me = mask.indexOf(sep, mi);
      if (me < 0) {
        me = mask.length();
      }
      boolean oneChar = me - mi == 1;
      if (oneChar && mask.charAt(mi) == multi) {
        return subjectHasSegment;
      }
      if (!subjectHasSegment) {
        return false;
      }
      int se = subject.indexOf(sep, si);
      if (se < 0) {
        se = subject.length();
      }
      boolean anySegment = oneChar && mask.charAt(mi) == single;
      if (!anySegment && (me - mi != se - si || !mask.regionMatches(mi, subject, si, me - mi))) {
        return false;
      }
      if (me == mask.length()) {
        return se == subject.length();
      }
      mi = me + 1;
      subjectHasSegment = se < subject.length();
      si = se + 1;
    }
  }

  /**
   * @param rule a topic mask of an access rule
   * @param mask a subscription mask a client asks for
   * @return whether the rule covers the mask: every topic the mask selects, the rule selects too
   */
  public static boolean coversTopic(String rule, String mask) {
    return covers(rule, mask, '/', '#', '+');
  }

  /**
   * @param rule a name mask of an access rule
   * @param mask a broadcast mask a client sends
   * @return whether the rule covers the mask: every name the mask selects, the rule selects too
   */
  public static boolean coversName(String rule, String mask) {
    return covers(rule, mask, '.', '*', '?');
  }

  /**
   * Segment by segment: a multi wildcard of the rule covers whatever remains of the mask, as
   * long as something remains (the wildcard needs one segment); a single wildcard covers any one
   * segment of the mask but its multi wildcard; a literal covers only itself. A mask wider than
   * the rule (its {@code #} under the rule's {@code +}, say) is not covered, though matching the
   * mask as a literal subject against the rule would accept it.
   */
  private static boolean covers(String rule, String mask, char sep, char multi, char single) {
    int ri = 0;
    int mi = 0;
    while (true) {
      int re = segmentEnd(rule, ri, sep);
      int me = segmentEnd(mask, mi, sep);
      if (isOnly(rule, ri, re, multi)) {
        return true; // the mask has a segment here, so what it selects has one or more left
      }
      if (isOnly(mask, mi, me, multi)) {
        return false; // "one or more of anything" is wider than this segment of the rule
      }
      boolean anyOne = isOnly(rule, ri, re, single);
      if (!anyOne && (isOnly(mask, mi, me, single)
          || re - ri != me - mi || !rule.regionMatches(ri, mask, mi, re - ri))) {
        return false;
      }
      boolean ruleEnds = re == rule.length();
      boolean maskEnds = me == mask.length();
      if (ruleEnds || maskEnds) {
        return ruleEnds && maskEnds; // else one selects longer subjects than the other
      }
      ri = re + 1;
      mi = me + 1;
    }
  }

  private static int segmentEnd(String s, int from, char sep) {
    int i = s.indexOf(sep, from);
    return i < 0 ? s.length() : i;
  }

  private static boolean isOnly(String s, int from, int end, char c) {
    return end - from == 1 && s.charAt(from) == c;
  }
}

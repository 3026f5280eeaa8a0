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
}

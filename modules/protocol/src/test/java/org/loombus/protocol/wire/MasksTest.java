package org.loombus.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Name masks (docs/protocol.md §3.3) and topic masks (§3.4). Rows are {@code mask, subject,
 * expected}; a {@code #} cell is quoted because an unquoted leading {@code #} makes a CSV row a
 * comment.
 */
@DisplayName("Masks")
class MasksTest {

  @ParameterizedTest(name = "name mask \"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("§3.3 table: * is one or more trailing segments, ? exactly one, others literal")
  @CsvSource({
    "*, a, true",
    "*, a.b.c, true",
    "*, .broker, true",
    "*, a%%1, true",
    "a.*, a.b, true",
    "a.*, a.b.c, true",
    "a.*, a., true",
    "a.*, a, false",
    "a.*, b.a, false",
    "a.?.c, a.b.c, true",
    "a.?.c, a..c, true",
    "a.?.c, a.b, false",
    "a.?.c, a.b.c.d, false",
    "?.b, x.b, true",
    "?.b, a.b, true",
    "?.b, b, false",
    "?.b, x.b.c, false",
    "a, a, true",
    "a, a.b, false",
    "a, a%%1, false",
    "a.*.c, a.b, true",
    "a.*.c, a.b.c, true",
    "a.*.c, a., true",
    "a.*.c, a, false",
    "a.*.c, b.a, false",
  })
  void nameTable(String mask, String name, boolean expected) {
    assertEquals(expected, Masks.matchesName(mask, name));
  }

  @ParameterizedTest(name = "topic mask \"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("§3.4 table: # is one or more trailing segments, + exactly one, others literal")
  @CsvSource({
    "'#', a, true",
    "'#', a/b/c, true",
    "'#', '', true",
    "'#', .broker/info, true",
    "'#', .broker/warn, true",
    "a/#, a/b, true",
    "a/#, a/b/c, true",
    "a/#, a/, true",
    "a/#, a, false",
    "a/+, a/b, true",
    "a/+, a/, true",
    "a/+, a, false",
    "a/+, a/b/c, false",
    "+, a, true",
    "+, '', true",
    "+, a/b, false",
    "a/+/c, a/b/c, true",
    "a/+/c, a//c, true",
    "a/+/c, a/b/c/d, false",
    "+/#, a/b, true",
    "+/#, a/b/c, true",
    "+/#, /, true",
    "+/#, a, false",
    "a/b, a/b, true",
    "a/b, a/b/, false",
    "a/b, /a/b, false",
  })
  void topicTable(String mask, String topic, boolean expected) {
    assertEquals(expected, Masks.matchesTopic(mask, topic));
  }

  @ParameterizedTest(name = "topic mask \"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("the empty topic is one empty segment")
  @CsvSource({
    "'', '', true",
    "'#', '', true",
    "+, '', true",
    "a, '', false",
    "a/#, '', false",
    "+/#, '', false",
    "/, '', false",
    "'', a, false",
    "'', /, false",
  })
  void emptyTopic(String mask, String topic, boolean expected) {
    assertEquals(expected, Masks.matchesTopic(mask, topic));
  }

  @ParameterizedTest(name = "name mask \"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("the empty name is one empty segment")
  @CsvSource({
    "'', '', true",
    "*, '', true",
    "?, '', true",
    "a, '', false",
    "a.*, '', false",
    "?.?, '', false",
  })
  void emptyName(String mask, String name, boolean expected) {
    assertEquals(expected, Masks.matchesName(mask, name));
  }

  @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("plain split: a..b and x//y have an empty middle segment, no normalisation")
  @CsvSource({
    "name, a.?.b, a..b, true",
    "name, a..b, a..b, true",
    "name, a.*, a..b, true",
    "name, a.b, a..b, false",
    "name, a.?, a..b, false",
    "name, a..b, a.b, false",
    "topic, x/+/y, x//y, true",
    "topic, x//y, x//y, true",
    "topic, x/#, x//y, true",
    "topic, +/+/+, x//y, true",
    "topic, x/y, x//y, false",
    "topic, x/+, x//y, false",
    "topic, x//y, x/y, false",
    "topic, /x, x, false",
    "topic, x, /x, false",
    "topic, /x, /x, true",
    "topic, +/x, /x, true",
  })
  void emptySegments(String kind, String mask, String subject, boolean expected) {
    assertEquals(expected, match(kind, mask, subject));
  }

  @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("mask segments after the first * or # are ignored")
  @CsvSource({
    "name, a.*.c, a.x.y, true",
    "name, a.*.c.d.e, a.b, true",
    "name, *.x, y, true",
    "name, *.x, y.z.w, true",
    "name, a.*.c, a, false",
    "topic, a/#/x, a/b, true",
    "topic, a/#/x, a/b/c/d, true",
    "topic, '#/a', b, true",
    "topic, '#/#', b/c, true",
    "topic, a/#/x, a, false",
    "topic, a/#/x, b/x, false",
  })
  void afterMultiWildcard(String kind, String mask, String subject, boolean expected) {
    assertEquals(expected, match(kind, mask, subject));
  }

  @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("wildcards count only as whole segments; a+, #a, a* are literal")
  @CsvSource({
    "topic, a+/b, a+/b, true",
    "topic, a+/b, ax/b, false",
    "topic, a+/b, a/b, false",
    "topic, '#a', '#a', true",
    "topic, '#a', b, false",
    "topic, a/b#, a/b/c, false",
    "topic, ++, a, false",
    "name, a*, a*, true",
    "name, a*, ab, false",
    "name, a.b*, a.b.c, false",
    "name, ?a, xa, false",
    "name, ??, ab, false",
    "name, **, a, false",
  })
  void wholeSegmentsOnly(String kind, String mask, String subject, boolean expected) {
    assertEquals(expected, match(kind, mask, subject));
  }

  @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
  @DisplayName("each mask kind has its own separator and wildcards; the other kind's are literal")
  @CsvSource({
    "topic, a/*, a/b, false",
    "topic, a/*, a/*, true",
    "topic, a/?, a/b, false",
    "topic, a.b, a.b, true",
    "topic, a.+, a.b, false",
    "topic, +, a.b, true",
    "name, a.#, a.b, false",
    "name, a.+, a.b, false",
    "name, a.+, a.+, true",
    "name, ?, a/b, true",
    "name, a/*, a/b, false",
  })
  void separatorsPerKind(String kind, String mask, String subject, boolean expected) {
    assertEquals(expected, match(kind, mask, subject));
  }

  @ParameterizedTest(name = "topic mask \"{0}\" vs published topic \"{1}\" -> {2}")
  @DisplayName("wildcards inside a published topic are literal text")
  @CsvSource({
    "a/+, a/+, true",
    "a/#, a/+, true",
    "'#', a/+, true",
    "+/+, a/+, true",
    "a/b, a/+, false",
    "a/+, a/#, true",
    "a/#, a/#, true",
    "a, a/#, false",
    "a/b, a/#, false",
    "a/b/c, a/#, false",
    "+, '#', true",
    "a, '#', false",
    "a, +, false",
  })
  void wildcardsInPublishedTopic(String mask, String topic, boolean expected) {
    assertEquals(expected, Masks.matchesTopic(mask, topic));
  }

  @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
  @DisplayName(".broker splits into an empty segment and broker; nothing about it is special")
  @CsvSource({
    "name, *, .broker, true",
    "name, ?.broker, .broker, true",
    "name, .*, .broker, true",
    "name, .broker, .broker, true",
    "name, *.broker, .broker, true",
    "name, ?, .broker, false",
    "name, broker, .broker, false",
    "name, ?.?.broker, .broker, false",
    "topic, .broker/#, .broker/info, true",
    "topic, +/info, .broker/info, true",
    "topic, .broker/+, .broker/warn, true",
    "topic, broker/info, .broker/info, false",
    "topic, .broker, .broker/info, false",
  })
  void dotBroker(String kind, String mask, String subject, boolean expected) {
    assertEquals(expected, match(kind, mask, subject));
  }

  @Test
  @DisplayName("topic masks agree with the §3.4 exact rule for every mask and topic of 1-3 segments over {'', a, b, +, #}")
  void topicRuleExhaustive() {
    List<String> all = combinations(new String[] {"", "a", "b", "+", "#"}, "/");
    for (String mask : all) {
      for (String topic : all) {
        assertEquals(specRule(mask, topic, "/", "#", "+"), Masks.matchesTopic(mask, topic),
            () -> "mask \"" + mask + "\" topic \"" + topic + "\"");
      }
    }
  }

  @Test
  @DisplayName("name masks agree with the §3.3 exact rule for every mask and name of 1-3 segments over {'', a, b, ?, *}")
  void nameRuleExhaustive() {
    List<String> all = combinations(new String[] {"", "a", "b", "?", "*"}, ".");
    for (String mask : all) {
      for (String name : all) {
        assertEquals(specRule(mask, name, ".", "*", "?"), Masks.matchesName(mask, name),
            () -> "mask \"" + mask + "\" name \"" + name + "\"");
      }
    }
  }

  private static boolean match(String kind, String mask, String subject) {
    return switch (kind) {
      case "name" -> Masks.matchesName(mask, subject);
      case "topic" -> Masks.matchesTopic(mask, subject);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The spec's "exact rule" written literally over split arrays, as an independent oracle. */
  private static boolean specRule(
      String mask, String subject, String sep, String multi, String single) {
    String[] m = mask.split(Pattern.quote(sep), -1);
    String[] s = subject.split(Pattern.quote(sep), -1);
    for (int i = 0; i < m.length; i++) {
      if (m[i].equals(multi)) {
        return s.length >= i + 1;
      }
      if (s.length < i + 1 || !(m[i].equals(single) || m[i].equals(s[i]))) {
        return false;
      }
    }
    return s.length == m.length;
  }

  /** Every string of one to three segments drawn from {@code segments}, joined by {@code sep}. */
  private static List<String> combinations(String[] segments, String sep) {
    List<String> out = new ArrayList<>();
    List<String> previous = List.of("");
    for (int n = 1; n <= 3; n++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (String seg : segments) {
          next.add(n == 1 ? seg : prefix + sep + seg);
        }
      }
      out.addAll(next);
      previous = next;
    }
    return out;
  }
}

package org.loombus.broker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client.list filter: regular-expression search without backtracking, within a budget. */
class NameFilterTest {
  private static final List<String> PATTERNS = List.of(
      "a", "^a", "a$", "^a$", "", "^$", ".", "a.c", "a*", "a+b", "a?b", "ab|cd", "(ab|cd)+e",
      "(?:x|y){2,3}z", "[a-c]+", "[^a-c]", "[-a]", "[a-]", "\\d+", "\\D", "\\w+\\.\\w+",
      "\\s", "\\S+", "[\\d.]+", "x{3}", "x{2,}", "x{0,1}y", "^(p|q)*$", "(ab)+c", "a+?",
      "(?<n>x)+", "\\.broker", "te.x", "^te", "es", "[A-Z][a-z]*", "é+", "(a|)b");
  private static final List<String> NAMES = List.of(
      "", "a", "b", "ab", "abc", "acd", "aab", "cde", "abcde", "xxxz", "xyz", "x", "xxy", "12",
      "a1", "foo.bar", " ", "p%%1", "pqpq", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      ".broker", "te.x", "test1", "atest", "Hello", "café", "éé", "-", "a-", "b");

  @Test
  @DisplayName("on the supported syntax, every pattern finds what java.util.regex finds (whose"
      + " backtracking keeps the patterns and names small here)")
  void agreesWithJavaRegex() throws Exception {
    for (String p : PATTERNS) {
      Pattern java = Pattern.compile(p);
      NameFilter filter = new NameFilter(p);
      for (String name : NAMES) {
        assertEquals(java.matcher(name).find(), filter.matches(name), p + " on '" + name + "'");
      }
    }
  }

  @Test
  @DisplayName("a named group in the (?P<name>…) form is a plain group")
  void pythonNamedGroup() throws Exception {
    assertTrue(new NameFilter("(?P<n>ab)c").matches("xabc"));
    assertFalse(new NameFilter("(?P<n>ab)c").matches("xab"));
  }

  @Test
  @DisplayName("((a+)+)+b fails on a long name of a's at once: nothing backtracks")
  void noBacktracking() throws Exception {
    assertFalse(new NameFilter("((a+)+)+b").matches("a".repeat(10_000)));
    assertTrue(new NameFilter("((a+)+)+b").matches("a".repeat(10_000) + "b"));
  }

  @Test
  @DisplayName("one call's work is bounded: a large program over a long name runs out of budget")
  void budget() throws Exception {
    NameFilter filter = new NameFilter("([a-z]|[0-9]){200}!");
    assertThrows(NameFilter.TooComplex.class, () -> filter.matches("ab1".repeat(20_000)));
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("syntax it does not accept is refused, never guessed at")
  @ValueSource(strings = {"(", ")", "a)", "[a", "*", "a**", "+a", "a{2,1}", "x{300}", "\\p{L}",
      "(?i)a", "\\1", "[z-a]", "\\", "(((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))"})
  void refused(String pattern) {
    assertThrows(RegexParser.SyntaxException.class, () -> new NameFilter(pattern));
  }

  @Test
  @DisplayName("a counted repetition cannot blow the program up")
  void programSize() {
    assertThrows(RegexParser.SyntaxException.class,
        () -> new NameFilter("((((a{256}){256}){256}){256})"));
  }
}

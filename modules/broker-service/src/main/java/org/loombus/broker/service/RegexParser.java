package org.loombus.broker.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code client.list} filter, a regular expression in the syntax the reference's
 * regex engine shares with most others (docs/protocol.md §5.4), into a {@link RegexProgram}.
 * Supported: literals and escaped punctuation, {@code .}, classes {@code [a-z]} and
 * {@code [^…]}, {@code \d \w \s} and their negations, {@code \t \n \r}, {@code ^ $}, groups
 * {@code (…)}, {@code (?:…)} and named groups, alternation, and the quantifiers {@code * + ?
 * {n} {n,} {n,m}} with their lazy forms (which cannot change whether a name matches). Anything
 * else is refused as a syntax error rather than guessed at.
 *
 * <p>The parser's recursion follows the pattern's group nesting, which is refused beyond
 * {@link #MAX_DEPTH}; the compiled program is refused beyond {@link RegexProgram#MAX_SIZE}
 * instructions, so a counted repetition cannot blow it up either.
 */
final class RegexParser {
  /** Deepest group nesting accepted. */
  static final int MAX_DEPTH = 32;
  /** Longest filter accepted, in characters. */
  static final int MAX_LENGTH = 1024;
  /** Largest bound of a counted repetition. */
  static final int MAX_REPEAT = 256;

  /** The filter is not a regular expression this engine accepts. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message, null, false, false);
    }
  }

  /** The syntax tree: what the program is compiled from. */
  sealed interface Node {}

  /** One code point out of a set of ranges. */
  record CharSet(int[] ranges, boolean negated) implements Node {
    boolean contains(int c) {
      boolean in = false;
      for (int i = 0; i < ranges.length && !in; i += 2) {
        in = c >= ranges[i] && c <= ranges[i + 1];
      }
      return in != negated;
    }
  }

  /** The start or the end of the name. */
  record Anchor(boolean start) implements Node {}

  /** The parts one after another. */
  record Sequence(List<Node> parts) implements Node {}

  /** One of the alternatives. */
  record Choice(List<Node> alternatives) implements Node {}

  /** {@code min} to {@code max} times the body; {@code max} −1 for no bound. */
  record Repeat(Node body, int min, int max) implements Node {}

  private static final int[] DIGIT = {'0', '9'};
  private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
  private static final int[] SPACE = {'\t', '\r', ' ', ' '};

  private final String pattern;
  private int pos;
  private int depth;

  private RegexParser(String pattern) {
    this.pattern = pattern;
  }

  /**
   * @param pattern the filter
   * @return its syntax tree
   * @throws SyntaxException naming what is wrong
   */
  static Node parse(String pattern) throws SyntaxException {
    if (pattern.length() > MAX_LENGTH) {
      throw new SyntaxException("longer than " + MAX_LENGTH + " characters");
    }
    RegexParser p = new RegexParser(pattern);
    Node n = p.alternation();
    if (p.pos < pattern.length()) {
      throw new SyntaxException("unmatched ')' at " + p.pos);
    }
    return n;
  }

  private Node alternation() throws SyntaxException {
    List<Node> alternatives = new ArrayList<>();
    alternatives.add(sequence());
    while (more() && peek() == '|') {
      pos++;
      alternatives.add(sequence());
    }
    return alternatives.size() == 1 ? alternatives.get(0) : new Choice(alternatives);
  }

  private Node sequence() throws SyntaxException {
    List<Node> parts = new ArrayList<>();
    while (more() && peek() != '|' && peek() != ')') {
      parts.add(quantified(atom()));
    }
    return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
  }

  private Node quantified(Node atom) throws SyntaxException {
    while (more()) {
      int c = peek();
      int min;
      int max;
      if (c == '*' || c == '+' || c == '?') {
        pos++;
        min = c == '+' ? 1 : 0;
        max = c == '?' ? 1 : -1;
      } else if (c == '{' && countedAhead()) {
        pos++;
        min = number();
        max = min;
        if (peek() == ',') {
          pos++;
          max = peek() == '}' ? -1 : number();
        }
        expect('}');
        if (max != -1 && max < min) {
          throw new SyntaxException("repetition {" + min + "," + max + "} runs backwards");
        }
      } else {
        return atom;
      }
      if (atom instanceof Anchor || atom instanceof Repeat) {
        throw new SyntaxException("nothing to repeat at " + (pos - 1));
      }
      if (more() && peek() == '?') {
        pos++; // lazy: the same names match
      }
      atom = new Repeat(atom, min, max);
    }
    return atom;
  }

  private boolean countedAhead() {
    int i = pos + 1;
    while (i < pattern.length() && (Character.isDigit(pattern.charAt(i))
        || pattern.charAt(i) == ',')) {
      i++;
    }
    return i > pos + 1 && i < pattern.length() && pattern.charAt(i) == '}'
        && Character.isDigit(pattern.charAt(pos + 1));
  }

  private int number() throws SyntaxException {
    int start = pos;
    while (more() && Character.isDigit(peek())) {
      pos++;
    }
    if (start == pos || pos - start > 4) {
      throw new SyntaxException("bad repetition count at " + start);
    }
    int n = Integer.parseInt(pattern, start, pos, 10);
    if (n > MAX_REPEAT) {
      throw new SyntaxException("repetition count " + n + " above " + MAX_REPEAT);
    }
    return n;
  }

  private Node atom() throws SyntaxException {
    int c = next();
    switch (c) {
      case '.' -> {
        return new CharSet(new int[] {'\n', '\n'}, true);
      }
      case '^', '$' -> {
        return new Anchor(c == '^');
      }
      case '(' -> {
        return group();
      }
      case '[' -> {
        return charClass();
      }
      case '\\' -> {
        return escape(false);
      }
      case '*', '+', '?', '{' -> throw new SyntaxException(
          "nothing to repeat at " + (pos - 1));
      default -> {
        return literal(c);
      }
    }
  }

  private Node group() throws SyntaxException {
    if (++depth > MAX_DEPTH) {
      throw new SyntaxException("groups nested deeper than " + MAX_DEPTH);
    }
    if (more() && peek() == '?') {
      pos++;
      if (more() && peek() == ':') {
        pos++;
      } else if (more() && (peek() == '<' || peek() == 'P')) {
        if (peek() == 'P') {
          pos++;
        }
        expect('<');
        while (more() && peek() != '>') {
          pos++;
        }
        expect('>');
      } else {
        throw new SyntaxException("unsupported group syntax at " + (pos - 1));
      }
    }
    Node inner = alternation();
    expect(')');
    depth--;
    // a group may be repeated whatever it holds; only a bare quantifier may not be stacked
    return inner instanceof Repeat ? new Sequence(List.of(inner)) : inner;
  }

  private Node charClass() throws SyntaxException {
    boolean negated = more() && peek() == '^';
    if (negated) {
      pos++;
    }
    List<Integer> ranges = new ArrayList<>();
    boolean first = true;
    while (true) {
      if (!more()) {
        throw new SyntaxException("unclosed character class");
      }
      int c = next();
      if (c == ']' && !first) {
        break;
      }
      first = false;
      if (c == '\\') {
        CharSet escaped = escape(true);
        if (escaped.negated()) {
          throw new SyntaxException("negated class escape inside a class at " + (pos - 2));
        }
        for (int r : escaped.ranges()) {
          ranges.add(r);
        }
        continue;
      }
      int hi = c;
      if (more() && peek() == '-' && pos + 1 < pattern.length()
          && pattern.charAt(pos + 1) != ']') {
        pos++;
        hi = next();
        if (hi == '\\') {
          CharSet e = escape(true);
          if (e.ranges().length != 2 || e.ranges()[0] != e.ranges()[1]) {
            throw new SyntaxException("a class escape as a range end at " + (pos - 2));
          }
          hi = e.ranges()[0];
        }
        if (hi < c) {
          throw new SyntaxException("class range runs backwards at " + (pos - 1));
        }
      }
      ranges.add(c);
      ranges.add(hi);
    }
    return new CharSet(ranges.stream().mapToInt(Integer::intValue).toArray(), negated);
  }

  /** After a backslash: a class escape, a control character or an escaped punctuation mark. */
  private CharSet escape(boolean inClass) throws SyntaxException {
    if (!more()) {
      throw new SyntaxException("a trailing backslash");
    }
    int c = next();
    return switch (c) {
      case 'd' -> new CharSet(DIGIT, false);
      case 'D' -> new CharSet(DIGIT, true);
      case 'w' -> new CharSet(WORD, false);
      case 'W' -> new CharSet(WORD, true);
      case 's' -> new CharSet(SPACE, false);
      case 'S' -> new CharSet(SPACE, true);
      case 't' -> literal('\t');
      case 'n' -> literal('\n');
      case 'r' -> literal('\r');
      default -> {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
          yield literal(c);
        }
        throw new SyntaxException("unsupported escape \\" + Character.toString(c)
            + (inClass ? " in a class" : "") + " at " + (pos - 2));
      }
    };
  }

  private static CharSet literal(int c) {
    return new CharSet(new int[] {c, c}, false);
  }

  private void expect(int c) throws SyntaxException {
    if (!more() || next() != c) {
      throw new SyntaxException("'" + Character.toString(c) + "' expected at " + (pos - 1));
    }
  }

  private boolean more() {
    return pos < pattern.length();
  }

  private int peek() {
    return pattern.codePointAt(pos);
  }

  private int next() {
    int c = pattern.codePointAt(pos);
    pos += Character.charCount(c);
    return c;
  }
}

package org.loombus.broker;

/**
 * Client-supplied text (names, topics, command lines) as it may appear in a log line: control
 * characters, line and paragraph separators and bidirectional overrides escaped, so a name cannot
 * forge or hide a line, and long text shortened.
 */
public final class LogText {
  /** Characters of client text kept in a log line; the rest is elided. */
  static final int MAX = 200;

  private LogText() {}

  /**
   * @param text client-supplied text, or {@code null}
   * @return the text safe for one log line
   */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    int n = Math.min(text.length(), MAX);
    StringBuilder b = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (needsEscape(c)) {
        if (b == null) {
          b = new StringBuilder(n + 16).append(text, 0, i);
        }
        b.append(c < 0x100 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    String shown = b != null ? b.toString() : text.substring(0, n);
    return text.length() > MAX ? shown + "…(" + text.length() + " chars)" : shown;
  }

  private static boolean needsEscape(char c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\\'
        || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }
}

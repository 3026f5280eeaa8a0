package org.loombus.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RPC params written as {@code key=value} words, typed the way the reference tools type them
 * (docs/protocol.md §7.3, §10.1): {@code true}/{@code false} become booleans, integer text an
 * integer, decimal text a float, anything else a string.
 */
public final class KeyValueParams {
  private KeyValueParams() {}

  /**
   * @param words {@code key=value} words
   * @return the params as an insertion-ordered map, ready for {@link MsgPack#encode}
   * @throws IllegalArgumentException for a word without {@code =}
   */
  public static Map<String, Object> parse(List<String> words) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + w + "' is not key=value");
      }
      params.put(w.substring(0, eq), value(w.substring(eq + 1)));
    }
    return params;
  }

  /**
   * @param text a value as written
   * @return the typed value
   */
  public static Object value(String text) {
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notInteger) {
      // fall through
    }
    if (text.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
      return Double.parseDouble(text);
    }
    return text;
  }
}

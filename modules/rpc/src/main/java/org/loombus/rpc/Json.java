package org.loombus.rpc;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * JSON text of plain Java values, the types {@link MsgPack#decode} produces: {@code null},
 * Boolean, numbers, String, byte[] (as a hex string), {@link Map} (keys as strings, in iteration
 * order) and {@link List}. One writer for everything Loombus shows as JSON: the tool's output of
 * MessagePack answers and the dashboard's endpoints. Floats that JSON cannot hold (NaN, infinite)
 * are written as {@code null}.
 */
public final class Json {
  private Json() {}

  /**
   * @param value a value of the supported types
   * @return compact JSON, without spaces
   */
  public static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, ",", ":", out);
    return out.toString();
  }

  /**
   * @param value a value of the supported types
   * @return JSON on one line with a space after each comma and colon, for people
   */
  public static String spaced(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, ", ", ": ", out);
    return out.toString();
  }

  private static void write(Object v, String comma, String colon, StringBuilder out) {
    switch (v) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case byte[] b -> quote(HexFormat.of().formatHex(b), out);
      case Double d when d.isNaN() || d.isInfinite() -> out.append("null");
      case Float f when f.isNaN() || f.isInfinite() -> out.append("null");
      case Map<?, ?> m -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) {
            out.append(comma);
          }
          first = false;
          quote(String.valueOf(e.getKey()), out);
          out.append(colon);
          write(e.getValue(), comma, colon, out);
        }
        out.append('}');
      }
      case List<?> l -> {
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            out.append(comma);
          }
          write(l.get(i), comma, colon, out);
        }
        out.append(']');
      }
      default -> out.append(v);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          // below 0x20 JSON needs an escape; U+2028/9 break a script that embeds the text
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

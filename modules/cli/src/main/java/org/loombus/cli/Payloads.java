package org.loombus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.loombus.protocol.wire.Utf8;
import org.loombus.rpc.MsgPack;

/**
 * How payloads are read and shown, as the reference tool does (docs/protocol.md §10.1): text
 * without control bytes is shown as text; otherwise MessagePack is shown as JSON-like text;
 * otherwise hex of the first 256 bytes.
 */
final class Payloads {
  private Payloads() {}

  /** @return the argument's UTF-8 bytes, or all of standard input when there is no argument */
  static byte[] fromArgOrStdin(String arg, InputStream stdin) throws CliException {
    if (arg != null) {
      return arg.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return stdin.readAllBytes();
    } catch (IOException e) {
      throw CliException.failed("cannot read standard input: " + e.getMessage());
    }
  }

  static String show(byte[] p) {
    if (p.length == 0) {
      return "";
    }
    String text = text(p);
    if (text != null) {
      return text;
    }
    try {
      return json(MsgPack.decode(p));
    } catch (IllegalArgumentException notMsgPack) {
      byte[] head = p.length > 256 ? java.util.Arrays.copyOf(p, 256) : p;
      return HexFormat.of().formatHex(head) + (p.length > 256 ? "…" : "");
    }
  }

  /**
   * A call's result as busrt's {@code --silent} prints it, for scripts: text as it is, MessagePack
   * as compact JSON, each with a line end; anything else as its bytes, unchanged.
   */
  static byte[] raw(byte[] p) {
    String text = p.length == 0 ? "" : text(p);
    if (text == null) {
      try {
        text = compactJson(MsgPack.decode(p));
      } catch (IllegalArgumentException notMsgPack) {
        return p;
      }
    }
    return (text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] p) {
    for (byte b : p) {
      if ((b & 0xFF) < 0x09) {
        return null;
      }
    }
    return Utf8.decode(p, 0, p.length);
  }

  /** JSON-like rendering of a decoded MessagePack value (binary as hex strings). */
  static String json(Object v) {
    StringBuilder out = new StringBuilder();
    json(v, ", ", ": ", out);
    return out.toString();
  }

  /** {@link #json} without spaces after separators. */
  static String compactJson(Object v) {
    StringBuilder out = new StringBuilder();
    json(v, ",", ":", out);
    return out.toString();
  }

  private static void json(Object v, String comma, String colon, StringBuilder out) {
    switch (v) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case byte[] b -> quote(HexFormat.of().formatHex(b), out);
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
          json(e.getValue(), comma, colon, out);
        }
        out.append('}');
      }
      case List<?> l -> {
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            out.append(comma);
          }
          json(l.get(i), comma, colon, out);
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
          if (c < 0x20) {
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

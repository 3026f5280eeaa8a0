package org.loombus.federation.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NATS subjects of one federation (docs/federation.md#subjects), all under its prefix, and the
 * mapping of BUS/RT topics and subscription masks onto subjects, so that NATS routes publications
 * by interest.
 *
 * <p>A topic's {@code /}-separated segments become {@code .}-separated tokens. A token carries
 * ASCII letters, digits, {@code -} and {@code _} as they are and every other byte of the
 * segment's UTF-8 as {@code %XX}; an empty segment, which NATS cannot carry, becomes a lone
 * {@code %}, which no escaped segment can be. In a mask, {@code +} becomes NATS {@code *} and
 * {@code #} becomes {@code >}, both of which mean in NATS what they mean in BUS/RT (one segment;
 * one or more remaining segments), and what follows a {@code #} is dropped as BUS/RT ignores it.
 * A literal {@code +} or {@code #} in a published topic is escaped like any other byte, so it is
 * matched by the wildcards and by the same literal in a mask, exactly as on one broker.
 */
public final class Subjects {
  /** Longest subject handed to NATS: well inside its default control-line limit of 4 KiB. */
  public static final int MAX_SUBJECT = 3072;

  private final String prefix;
  private final String directory;
  private final String broadcast;
  private final String topicRoot;
  /** Subjects of the nodes messages went to, so that a frame does not build its subject. */
  private final ConcurrentHashMap<String, String> nodeSubjects = new ConcurrentHashMap<>();
  /** Most nodes whose subject is kept; beyond, the table starts afresh. */
  private static final int MAX_NODES = 4096;

  /** @param prefix the federation's prefix, already validated as NATS tokens */
  public Subjects(String prefix) {
    this.prefix = prefix;
    this.directory = prefix + ".d";
    this.broadcast = prefix + ".b";
    this.topicRoot = prefix + ".t.";
  }

  /** @return where every node announces its names and heartbeats */
  public String directory() {
    return directory;
  }

  /** @return where broadcasts go, to every node */
  public String broadcast() {
    return broadcast;
  }

  /** @return where direct messages for {@code node} go, and the answers it waits for */
  public String messages(String node) {
    String s = nodeSubjects.get(node);
    if (s == null) {
      if (nodeSubjects.size() >= MAX_NODES) {
        nodeSubjects.clear();
      }
      s = prefix + ".m." + node;
      nodeSubjects.put(node, s);
    }
    return s;
  }

  /** @return where {@code node} answers requests for its list of names */
  public String snapshot(String node) {
    return prefix + ".s." + node;
  }

  /**
   * @param topic a BUS/RT topic
   * @return its subject, or {@code null} if that would be longer than {@link #MAX_SUBJECT}
   */
  public String topic(String topic) {
    StringBuilder b = new StringBuilder(topicRoot.length() + topic.length() + 8).append(topicRoot);
    int from = 0;
    while (true) {
      int slash = topic.indexOf('/', from);
      int end = slash < 0 ? topic.length() : slash;
      token(b, topic, from, end);
      if (slash < 0) {
        break;
      }
      b.append('.');
      from = slash + 1;
    }
    return b.length() > MAX_SUBJECT ? null : b.toString();
  }

  /**
   * @param mask a BUS/RT subscription mask
   * @return the subject NATS matches as the mask matches topics, or {@code null} if too long
   */
  public String mask(String mask) {
    StringBuilder b = new StringBuilder(topicRoot.length() + mask.length() + 8).append(topicRoot);
    int from = 0;
    while (true) {
      int slash = mask.indexOf('/', from);
      int end = slash < 0 ? mask.length() : slash;
      if (end - from == 1 && mask.charAt(from) == '#') {
        b.append('>');
        break; // BUS/RT ignores whatever follows a #
      } else if (end - from == 1 && mask.charAt(from) == '+') {
        b.append('*');
      } else {
        token(b, mask, from, end);
      }
      if (slash < 0) {
        break;
      }
      b.append('.');
      from = slash + 1;
    }
    return b.length() > MAX_SUBJECT ? null : b.toString();
  }

  private static void token(StringBuilder b, String s, int from, int end) {
    if (from == end) {
      b.append('%');
      return;
    }
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '_') {
        b.append(c);
      } else if (c < 0x80) {
        hex(b, c);
      } else {
        int cp = s.codePointAt(i);
        for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          hex(b, x & 0xFF);
        }
        i += Character.charCount(cp) - 1;
      }
    }
  }

  private static void hex(StringBuilder b, int v) {
    b.append('%').append(Character.toUpperCase(Character.forDigit(v >> 4, 16)))
        .append(Character.toUpperCase(Character.forDigit(v & 15, 16)));
  }

  /**
   * @param s a node name or a prefix token
   * @return whether it is one NATS token of letters, digits, {@code -} and {@code _}
   */
  public static boolean isPlainToken(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }
}

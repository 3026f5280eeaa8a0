package org.loombus.broker.internal.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions indexed by topic segment (docs/protocol.md §3.4): one node per literal segment, a
 * {@code +} child per node, and per node the clients whose mask ends there or has {@code #} there.
 * Counts per client let {@code a/#} and {@code a/#/x} (the same matching rule) be unsubscribed one
 * at a time. Not thread-safe: the registry's lock guards it.
 */
public final class TopicTree {
  private static final class Node {
    final HashMap<String, Node> children = new HashMap<>(4);
    Node plus;
    final HashMap<ClientEntry, Integer> exact = new HashMap<>(2);
    final HashMap<ClientEntry, Integer> rest = new HashMap<>(2);

    boolean isEmpty() {
      return children.isEmpty() && plus == null && exact.isEmpty() && rest.isEmpty();
    }
  }

  private final Node root = new Node();

  void add(String mask, ClientEntry client) {
    Node node = root;
    int from = 0;
    while (true) {
      int end = segmentEnd(mask, from);
      String segment = mask.substring(from, end);
      if (segment.equals("#")) {
        node.rest.merge(client, 1, Integer::sum);
        return;
      }
      node = segment.equals("+")
          ? (node.plus == null ? node.plus = new Node() : node.plus)
          : node.children.computeIfAbsent(segment, s -> new Node());
      if (end == mask.length()) {
        node.exact.merge(client, 1, Integer::sum);
        return;
      }
      from = end + 1;
    }
  }

  void remove(String mask, ClientEntry client) {
    remove(root, mask, 0, client);
  }

  /** Removes one count of the mask; returns whether {@code node} became empty (to prune it). */
  private boolean remove(Node node, String mask, int from, ClientEntry client) {
    int end = segmentEnd(mask, from);
    String segment = mask.substring(from, end);
    if (segment.equals("#")) {
      decrement(node.rest, client);
      return node.isEmpty();
    }
    Node child = segment.equals("+") ? node.plus : node.children.get(segment);
    if (child == null) {
      return false;
    }
    boolean childEmpty;
    if (end == mask.length()) {
      decrement(child.exact, client);
      childEmpty = child.isEmpty();
    } else {
      childEmpty = remove(child, mask, end + 1, client);
    }
    if (childEmpty) {
      if (segment.equals("+")) {
        node.plus = null;
      } else {
        node.children.remove(segment);
      }
    }
    return node.isEmpty();
  }

  private static void decrement(Map<ClientEntry, Integer> counts, ClientEntry client) {
    counts.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
  }

  /**
   * Adds every client subscribed to {@code topic} to {@code out}, each once per pass.
   *
   * @param topic the published topic
   * @param pass a number not used by any earlier pass
   * @param out where the subscribers go
   */
  void collect(String topic, long pass, List<ClientEntry> out) {
    collect(root, topic, 0, false, pass, out);
  }

  private static void collect(
      Node node, String topic, int from, boolean consumed, long pass, List<ClientEntry> out) {
    if (!consumed) {
      addAll(node.rest, pass, out);
    } else {
      addAll(node.exact, pass, out);
      return;
    }
    int end = segmentEnd(topic, from);
    boolean last = end == topic.length();
    if (!node.children.isEmpty()) {
      Node child = node.children.get(topic.substring(from, end));
      if (child != null) {
        collect(child, topic, end + 1, last, pass, out);
      }
    }
    if (node.plus != null) {
      collect(node.plus, topic, end + 1, last, pass, out);
    }
  }

  private static void addAll(Map<ClientEntry, Integer> clients, long pass, List<ClientEntry> out) {
    if (clients.isEmpty()) {
      return;
    }
    for (ClientEntry c : clients.keySet()) {
      if (c.mark != pass) {
        c.mark = pass;
        out.add(c);
      }
    }
  }

  private static int segmentEnd(String s, int from) {
    int i = s.indexOf('/', from);
    return i < 0 ? s.length() : i;
  }
}

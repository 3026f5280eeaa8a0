package org.loombus.broker.internal.route;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks indexed by topic segment (docs/protocol.md §3.4): one node per literal segment, a
 * {@code +} child per node, and per node the keys whose mask ends there or has {@code #} there.
 * Counts per key let {@code a/#} and {@code a/#/x} (the same matching rule) be removed one at a
 * time. The subscriptions of all clients are one tree keyed by client; the exclusions of one
 * client are a tree of their own.
 *
 * <p>Every walk is a loop over an explicit stack, never a recursion: a mask or topic of any depth
 * a client sends costs heap, bounded by the limits on masks, not stack. Not thread-safe: the
 * registry's lock guards every tree.
 *
 * @param <K> what a mask belongs to
 */
final class TopicTree<K> {
  private static final class Node<K> {
    final Node<K> parent;
    /** This node's segment under its parent; {@code null} for a {@code +} node and the root. */
    final String segment;
    final HashMap<String, Node<K>> children = new HashMap<>(4);
    Node<K> plus;
    final HashMap<K, Integer> exact = new HashMap<>(2);
    final HashMap<K, Integer> rest = new HashMap<>(2);

    Node(Node<K> parent, String segment) {
      this.parent = parent;
      this.segment = segment;
    }

    boolean isEmpty() {
      return children.isEmpty() && plus == null && exact.isEmpty() && rest.isEmpty();
    }
  }

  private final Node<K> root = new Node<>(null, null);
  /** The walk's pending branches, reused (each tree is used by one thread at a time). */
  private Object[] stackNodes = new Object[8];
  private int[] stackFrom = new int[8];

  void add(String mask, K key) {
    Node<K> node = root;
    int from = 0;
    while (true) {
      int end = segmentEnd(mask, from);
      if (isWildcard(mask, from, end, '#')) {
        node.rest.merge(key, 1, Integer::sum);
        return;
      }
      if (isWildcard(mask, from, end, '+')) {
        if (node.plus == null) {
          node.plus = new Node<>(node, null);
        }
        node = node.plus;
      } else {
        Node<K> parent = node;
        node = parent.children.computeIfAbsent(mask.substring(from, end),
            s -> new Node<>(parent, s));
      }
      if (end == mask.length()) {
        node.exact.merge(key, 1, Integer::sum);
        return;
      }
      from = end + 1;
    }
  }

  /** Removes one count of the mask for the key, then prunes the nodes left empty. */
  void remove(String mask, K key) {
    Node<K> node = root;
    int from = 0;
    while (true) {
      int end = segmentEnd(mask, from);
      if (isWildcard(mask, from, end, '#')) {
        decrement(node.rest, key);
        break;
      }
      node = isWildcard(mask, from, end, '+')
          ? node.plus
          : node.children.get(mask.substring(from, end));
      if (node == null) {
        return; // never added
      }
      if (end == mask.length()) {
        decrement(node.exact, key);
        break;
      }
      from = end + 1;
    }
    while (node != root && node.isEmpty()) {
      Node<K> parent = node.parent;
      if (node.segment == null) {
        parent.plus = null;
      } else {
        parent.children.remove(node.segment);
      }
      node = parent;
    }
  }

  private static <K> void decrement(Map<K, Integer> counts, K key) {
    counts.computeIfPresent(key, (c, n) -> n == 1 ? null : n - 1);
  }

  /** @return whether no mask is held */
  boolean isEmpty() {
    return root.isEmpty();
  }

  /**
   * Adds the keys of every mask that matches {@code topic} to {@code out}: a key once per
   * matching node, so a key with several matching masks may come more than once.
   *
   * @param topic the published topic
   * @param out where the keys go
   */
  void collect(String topic, List<K> out) {
    walk(topic, out);
  }

  /**
   * @param topic a topic
   * @return whether any mask matches it
   */
  boolean matchesAny(String topic) {
    return walk(topic, null);
  }

  /**
   * The matching walk: at a node reached with segments left, its {@code #} keys match; at a node
   * reached with none left, its exact keys do. From each node the walk goes on into the child of
   * the next segment and into the {@code +} child.
   *
   * @param out where matching keys go, or {@code null} to stop at the first match
   * @return whether anything matched
   */
  @SuppressWarnings("unchecked")
  private boolean walk(String topic, List<K> out) {
    boolean found = false;
    int depth = 0;
    push(depth++, root, 0);
    while (depth > 0) {
      depth--;
      Node<K> node = (Node<K>) stackNodes[depth];
      int from = stackFrom[depth];
      stackNodes[depth] = null;
      if (from > topic.length()) { // every segment consumed: the masks that end here match
        if (!node.exact.isEmpty()) {
          if (out == null) {
            return true;
          }
          out.addAll(node.exact.keySet());
          found = true;
        }
        continue;
      }
      if (!node.rest.isEmpty()) {
        if (out == null) {
          return true;
        }
        out.addAll(node.rest.keySet());
        found = true;
      }
      int end = segmentEnd(topic, from);
      if (node.plus != null) {
        push(depth++, node.plus, end + 1);
      }
      if (!node.children.isEmpty()) {
        Node<K> child = node.children.get(topic.substring(from, end));
        if (child != null) {
          push(depth++, child, end + 1);
        }
      }
    }
    return found;
  }

  private void push(int at, Node<K> node, int from) {
    if (at == stackNodes.length) {
      stackNodes = Arrays.copyOf(stackNodes, at * 2);
      stackFrom = Arrays.copyOf(stackFrom, at * 2);
    }
    stackNodes[at] = node;
    stackFrom[at] = from;
  }

  private static boolean isWildcard(String s, int from, int end, char wildcard) {
    return end - from == 1 && s.charAt(from) == wildcard;
  }

  private static int segmentEnd(String s, int from) {
    int i = s.indexOf('/', from);
    return i < 0 ? s.length() : i;
  }
}

package org.loombus.broker.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.protocol.wire.Masks;

/** The subscription index (docs/protocol.md §3.4): what add, remove and collect do together. */
@DisplayName("TopicTree")
class TopicTreeTest {
  private final TopicTree tree = new TopicTree();
  private final Map<String, ClientEntry> clients = new HashMap<>();

  private ClientEntry client(String name) {
    return clients.computeIfAbsent(name, n -> FakeClient.socket(n).entry);
  }

  private void add(String name, String... masks) {
    for (String m : masks) {
      tree.add(m, client(name));
    }
  }

  private void remove(String name, String... masks) {
    for (String m : masks) {
      tree.remove(m, client(name));
    }
  }

  /** Names of the keys collected, once each, sorted (the registry drops the repeats). */
  private List<String> collect(String topic) {
    List<ClientEntry> out = new ArrayList<>();
    tree.collect(topic, out);
    assertEquals(!out.isEmpty(), tree.matchesAny(topic), topic);
    return out.stream().map(c -> c.name).distinct().sorted().toList();
  }

  @Test
  @DisplayName("a key comes once per matching node, so repeats are possible and bounded")
  void oncePerNode() {
    add("c", "a/#", "a/+", "a/b");
    List<ClientEntry> out = new ArrayList<>();
    tree.collect("a/b", out);
    assertEquals(3, out.size());
  }

  @Test
  @DisplayName("a mask of 100,000 segments is added, matched and removed without recursion")
  void deepMask() {
    String deep = "s/".repeat(100_000) + "end";
    add("c", deep);
    assertEquals(List.of("c"), collect(deep));
    remove("c", deep);
    assertEquals(List.of(), collect(deep));
    assertEquals(true, tree.isEmpty(), "every node is pruned");
  }

  @Test
  @DisplayName("each of several matching clients is collected exactly once")
  void eachClientOnce() {
    add("x", "a/#", "a/b");
    add("y", "a/+", "#");
    add("z", "a/c");
    assertEquals(List.of("x", "y"), collect("a/b"));
  }

  @Test
  @DisplayName("a/# and a/#/x are separate subscriptions: removing one keeps the other effective")
  void hashSuffixesCountedSeparately() {
    add("c", "a/#", "a/#/x");
    remove("c", "a/#");
    assertEquals(List.of("c"), collect("a/b"));
    assertEquals(List.of("c"), collect("a/b/c"));
    remove("c", "a/#/x");
    assertEquals(List.of(), collect("a/b"));
  }

  @Test
  @DisplayName("the other order: removing a/#/x keeps a/#")
  void hashSuffixesOtherOrder() {
    add("c", "a/#/x", "a/#");
    remove("c", "a/#/x");
    assertEquals(List.of("c"), collect("a/b"));
    remove("c", "a/#");
    assertEquals(List.of(), collect("a/b"));
  }

  @Test
  @DisplayName("a mask added twice for one client needs two removes")
  void addsAreCounted() {
    add("c", "a/b", "a/b", "x/#", "x/#");
    remove("c", "a/b", "x/#");
    assertEquals(List.of("c"), collect("a/b"));
    assertEquals(List.of("c"), collect("x/y"));
    remove("c", "a/b", "x/#");
    assertEquals(List.of(), collect("a/b"));
    assertEquals(List.of(), collect("x/y"));
  }

  @Test
  @DisplayName("C60 removing a/# keeps a/b; removing a mask never added changes nothing")
  void removeIsPerMask() {
    add("c", "a/#", "a/b");
    remove("c", "a/#");
    assertEquals(List.of("c"), collect("a/b"));
    assertEquals(List.of(), collect("a/c"));
    remove("c", "a/x", "z/#", "+/q", "a/b/c", "", "#", "+");
    assertEquals(List.of("c"), collect("a/b"));
  }

  @Test
  @DisplayName("removing one client's mask leaves another client's identical mask")
  void removeIsPerClient() {
    add("c1", "a/+", "#");
    add("c2", "a/+", "#");
    remove("c1", "a/+", "#");
    assertEquals(List.of("c2"), collect("a/b"));
    remove("c1", "a/+");
    assertEquals(List.of("c2"), collect("a/b"));
  }

  @Test
  @DisplayName("pruning a deep mask keeps the shorter masks that share its nodes")
  void pruningKeepsSharedNodes() {
    add("deep", "a/b/c", "a/+/c/#");
    add("short", "a/b", "a/+");
    remove("deep", "a/b/c", "a/+/c/#");
    assertEquals(List.of("short"), collect("a/b"));
    assertEquals(List.of(), collect("a/b/c"));
    assertEquals(List.of(), collect("a/b/c/d"));
    add("deep", "a/b/c");
    assertEquals(List.of("deep"), collect("a/b/c"));
  }

  @Test
  @DisplayName("after every mask is removed nothing is collected, and adding again works")
  void emptyAfterRemovingAll() {
    String[] masks = {"a/b/c", "a/+/c", "a/#", "+", "#", "", "+/+/#", "a//b", "/"};
    String[] topics = {"a/b/c", "a/x/c", "a/b", "a", "", "x/y/z", "a//b", "/"};
    add("c", masks);
    remove("c", masks);
    for (String t : topics) {
      assertEquals(List.of(), collect(t), t);
    }
    add("c", masks);
    for (String t : topics) {
      assertEquals(List.of("c"), collect(t), t);
    }
  }

  @Test
  @DisplayName("# at the root matches every topic, including the empty one and .broker/warn")
  void hashAtRoot() {
    add("c", "#");
    for (String t : new String[] {"", "a", "a/b", "/", ".broker/warn", "+", "#"}) {
      assertEquals(List.of("c"), collect(t), t);
    }
  }

  @Test
  @DisplayName("+ at the root matches one-segment topics, including the empty one")
  void plusAtRoot() {
    add("c", "+");
    assertEquals(List.of("c"), collect(""));
    assertEquals(List.of("c"), collect("a"));
    assertEquals(List.of(), collect("a/b"));
    assertEquals(List.of(), collect("/"));
  }

  @Test
  @DisplayName("the empty mask matches only the empty topic")
  void emptyTopic() {
    add("c", "");
    assertEquals(List.of("c"), collect(""));
    assertEquals(List.of(), collect("a"));
    assertEquals(List.of(), collect("/"));
  }

  @Test
  @DisplayName("a/# matches a/ and a/b but not a")
  void hashNeedsOneSegment() {
    add("c", "a/#");
    assertEquals(List.of("c"), collect("a/"));
    assertEquals(List.of("c"), collect("a/b"));
    assertEquals(List.of(), collect("a"));
  }

  @Test
  @DisplayName("with one client per mask, collect selects exactly the masks Masks.matchesTopic accepts,"
      + " before and after removing half of them (1-3 segments over {'', a, b, +, #})")
  void agreesWithMasks() {
    List<String> all = combinations(new String[] {"", "a", "b", "+", "#"});
    for (String m : all) {
      add("mask:" + m, m);
    }
    assertAgrees(all);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % 2 == 0) {
        remove("mask:" + all.get(i), all.get(i));
      } else {
        kept.add(all.get(i));
      }
    }
    assertAgrees(kept);
  }

  private void assertAgrees(List<String> subscribed) {
    for (String topic : combinations(new String[] {"", "a", "b", "c", "+", "#"})) {
      TreeSet<String> expected = new TreeSet<>();
      for (String m : subscribed) {
        if (Masks.matchesTopic(m, topic)) {
          expected.add("mask:" + m);
        }
      }
      assertEquals(List.copyOf(expected), collect(topic), () -> "topic \"" + topic + "\"");
    }
  }

  /** Every topic of one to three segments drawn from {@code segments}. */
  private static List<String> combinations(String[] segments) {
    List<String> out = new ArrayList<>();
    List<String> previous = List.of("");
    for (int n = 1; n <= 3; n++) {
      List<String> next = new ArrayList<>();
      for (String prefix : previous) {
        for (String seg : segments) {
          next.add(n == 1 ? seg : prefix + "/" + seg);
        }
      }
      out.addAll(next);
      previous = next;
    }
    return out;
  }
}

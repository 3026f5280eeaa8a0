package org.loombus.broker.internal.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.internal.write.MemoryBudget;
import org.loombus.protocol.ResultCode;

/**
 * The routing table: registration rules (docs/protocol.md §1.3–§1.6), removal, and target lookups
 * (§3).
 */
@DisplayName("Registry")
class RegistryTest {
  private static final int LIMIT = 4096;
  private final Registry registry = new Registry(new MemoryBudget(Long.MAX_VALUE));

  private int register(ClientEntry entry) {
    return registry.register(entry, false, 0, new ArrayList<>());
  }

  private ClientEntry registered(String name) {
    ClientEntry e = FakeClient.socket(name).entry;
    assertEquals(ResultCode.OK, register(e), name);
    return e;
  }

  private static List<String> names(List<ClientEntry> entries) {
    return entries.stream().map(c -> c.name).toList();
  }

  private List<String> topicTargets(String topic, String receiver) {
    List<ClientEntry> out = new ArrayList<>();
    registry.matchTopic(topic, receiver, out);
    return names(out).stream().sorted().toList();
  }

  private List<String> nameTargets(String mask) {
    List<ClientEntry> out = new ArrayList<>();
    registry.matchNames(mask, out);
    return names(out).stream().sorted().toList();
  }

  @Test
  @DisplayName("C9 a second primary of a registered name is BUSY and the first stays")
  void duplicatePrimaryIsBusy() {
    ClientEntry first = registered("a");
    ClientEntry second = FakeClient.socket("a").entry;
    assertEquals(ResultCode.BUSY, register(second));
    assertSame(first, registry.find("a"));
    assertFalse(second.registered);
    assertEquals(1, registry.size());
  }

  @Test
  @DisplayName("C12 a secondary whose primary is absent is NOT_REGISTERED")
  void secondaryWithoutPrimary() {
    assertEquals(ResultCode.NOT_REGISTERED, register(FakeClient.socket("q%%1").entry));
    assertNull(registry.find("q%%1"));
    assertEquals(0, registry.size());
  }

  @Test
  @DisplayName("C11 secondaries register under their primary, which counts 1 + secondaries instances")
  void secondariesCountAsInstances() {
    ClientEntry p = registered("p");
    ClientEntry s1 = registered("p%%1");
    registered("p%%2");
    assertEquals(3, registry.instances(p));
    assertSame(p, s1.primary);
    assertSame(s1, registry.find("p%%1"));
  }

  @Test
  @DisplayName("C13 a duplicate secondary is BUSY, even with force-register")
  void duplicateSecondaryIsBusy() {
    registered("p");
    ClientEntry s = registered("p%%1");
    List<ClientEntry> replaced = new ArrayList<>();
    assertEquals(ResultCode.BUSY,
        registry.register(FakeClient.socket("p%%1").entry, true, 0, replaced));
    assertEquals(List.of(), replaced);
    assertSame(s, registry.find("p%%1"));
  }

  @Test
  @DisplayName("C10 force-register replaces a primary and returns it first, then its secondaries")
  void forceRegisterReplaces() {
    ClientEntry old = registered("p");
    registered("p%%0");
    registered("p%%1");
    registry.subscribe(old, List.of("t"), LIMIT);
    ClientEntry fresh = FakeClient.socket("p").entry;
    List<ClientEntry> replaced = new ArrayList<>();
    assertEquals(ResultCode.OK, registry.register(fresh, true, 0, replaced));
    assertEquals(List.of("p", "p%%0", "p%%1"), names(replaced));
    assertSame(old, replaced.get(0));
    assertFalse(old.registered);
    assertSame(fresh, registry.find("p"));
    assertNull(registry.find("p%%0"));
    assertNull(registry.find("p%%1"));
    assertEquals(1, registry.instances(fresh));
    assertEquals(List.of(), topicTargets("t", null), "the old subscriptions are gone");
    ClientEntry secondary = registered("p%%0");
    assertSame(fresh, secondary.primary);
  }

  @Test
  @DisplayName("force-register never replaces an in-process client")
  void forceRegisterSparesInternal() {
    ClientEntry internal = FakeClient.internal("p").entry;
    assertEquals(ResultCode.OK, register(internal));
    List<ClientEntry> replaced = new ArrayList<>();
    assertEquals(ResultCode.BUSY,
        registry.register(FakeClient.socket("p").entry, true, 0, replaced));
    assertEquals(List.of(), replaced);
    assertSame(internal, registry.find("p"));
    assertTrue(internal.registered);
  }

  @Test
  @DisplayName("C76 removing a primary removes its secondaries too, the primary first")
  void removeTakesSecondaries() {
    ClientEntry p = registered("p");
    registered("p%%0");
    registered("p%%1");
    ClientEntry q = registered("q");
    assertEquals(List.of("p", "p%%0", "p%%1"), names(registry.remove(p)));
    assertNull(registry.find("p"));
    assertNull(registry.find("p%%0"));
    assertNull(registry.find("p%%1"));
    assertSame(q, registry.find("q"));
    assertEquals(List.of(), registry.remove(p), "a second remove finds nothing");
  }

  @Test
  @DisplayName("C77 removing a secondary keeps the primary with one instance fewer")
  void removeSecondary() {
    ClientEntry p = registered("p");
    ClientEntry s = registered("p%%0");
    assertEquals(List.of("p%%0"), names(registry.remove(s)));
    assertSame(p, registry.find("p"));
    assertEquals(1, registry.instances(p));
  }

  @Test
  @DisplayName("C75 a removed client loses its subscriptions; a new one of the same name starts clean")
  void removalForgetsSubscriptions() {
    ClientEntry old = registered("c");
    registry.subscribe(old, List.of("t", "#"), LIMIT);
    registry.exclude(old, List.of("x"), LIMIT);
    registry.remove(old);
    assertEquals(List.of(), topicTargets("t", null));
    registry.subscribe(old, List.of("t"), LIMIT);
    registry.exclude(old, List.of("t"), LIMIT);
    assertEquals(List.of(), topicTargets("t", null), "a removed client cannot subscribe");
    ClientEntry fresh = registered("c");
    assertEquals(List.of(), topicTargets("t", null));
    assertEquals(List.of("c"), topicTargets(".broker/warn", null));
    registry.subscribe(fresh, List.of("x"), LIMIT);
    assertEquals(List.of("c"), topicTargets("x", null), "the old exclusion is gone");
  }

  @Test
  @DisplayName("C68 every client, secondaries and in-process ones included, is subscribed to .broker/warn")
  void warnSubscription() {
    registered("a");
    registered("a%%0");
    assertEquals(ResultCode.OK, register(FakeClient.internal(".broker").entry));
    assertEquals(List.of(".broker", "a", "a%%0"), topicTargets(".broker/warn", null));
    assertEquals(List.of(), topicTargets(".broker/info", null));
  }

  @Test
  @DisplayName("the automatic .broker/warn subscription is an ordinary one: it can be unsubscribed")
  void warnSubscriptionCanBeRemoved() {
    ClientEntry a = registered("a");
    registry.unsubscribe(a, List.of(".broker/warn"));
    assertEquals(List.of(), topicTargets(".broker/warn", null));
  }

  @Test
  @DisplayName("C49-C52 matchNames selects clients by name mask")
  void matchNames() {
    for (String n : new String[] {"a", "a.b", "a.b.c", "x.b", "p", "p%%1"}) {
      registered(n);
    }
    assertEquals(ResultCode.OK, register(FakeClient.internal(".broker").entry));
    assertEquals(List.of("a.b", "a.b.c"), nameTargets("a.*"));
    assertEquals(List.of("a.b", "x.b"), nameTargets("?.b"));
    assertEquals(List.of("a.b.c"), nameTargets("a.?.c"));
    assertEquals(List.of(".broker", "a", "a.b", "a.b.c", "p", "p%%1", "x.b"), nameTargets("*"));
    assertEquals(List.of("p"), nameTargets("p"));
    assertEquals(List.of(), nameTargets("nobody.*"));
  }

  @Test
  @DisplayName("C59 a client with several matching masks is a target once")
  void topicTargetOnce() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("a/#", "a/+", "a/b"), LIMIT);
    assertEquals(List.of("c"), topicTargets("a/b", null));
  }

  @Test
  @DisplayName("subscribing a mask twice is one subscription: one unsubscribe removes it")
  void subscribeIsIdempotent() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("a/b", "a/b"), LIMIT);
    registry.subscribe(c, List.of("a/b"), LIMIT);
    registry.unsubscribe(c, List.of("a/b"));
    assertEquals(List.of(), topicTargets("a/b", null));
  }

  @Test
  @DisplayName("C60 unsubscribing a/# keeps a/b, and unsubscribing the unknown is harmless")
  void unsubscribeExactMask() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("a/#", "a/b"), LIMIT);
    registry.unsubscribe(c, List.of("a/#", "never"));
    assertEquals(List.of("c"), topicTargets("a/b", null));
    assertEquals(List.of(), topicTargets("a/c", null));
  }

  @Test
  @DisplayName("unsubscribing a/# keeps a/#/x effective (not the reference's shared-slot quirk)")
  void unsubscribeHashKeepsLongerHashMask() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("a/#", "a/#/x"), LIMIT);
    registry.unsubscribe(c, List.of("a/#"));
    assertEquals(List.of("c"), topicTargets("a/b", null));
  }

  @Test
  @DisplayName("C63 an exclusion hides matching topics from a subscriber")
  void exclusion() {
    ClientEntry c = registered("c");
    ClientEntry d = registered("d");
    registry.subscribe(c, List.of("#"), LIMIT);
    registry.subscribe(d, List.of("#"), LIMIT);
    registry.exclude(c, List.of("a/#"), LIMIT);
    assertEquals(List.of("d"), topicTargets("a/b", null));
    assertEquals(List.of("c", "d"), topicTargets("b", null));
    assertEquals(List.of("c", "d"), topicTargets("a", null));
  }

  @Test
  @DisplayName("C65 unexclude removes the exact mask only; a/b does not cancel a/#")
  void unexclude() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("#"), LIMIT);
    registry.exclude(c, List.of("a/#", "a/#"), LIMIT);
    registry.unexclude(c, List.of("a/b"));
    assertEquals(List.of(), topicTargets("a/b", null));
    registry.unexclude(c, List.of("a/#"));
    assertEquals(List.of("c"), topicTargets("a/b", null));
  }

  @Test
  @DisplayName("an exclusion alone subscribes nothing")
  void exclusionIsNotSubscription() {
    ClientEntry c = registered("c");
    registry.exclude(c, List.of("a/#"), LIMIT);
    registry.unexclude(c, List.of("a/#"));
    assertEquals(List.of(), topicTargets("a/b", null));
  }

  @Test
  @DisplayName("C66 publish-for reaches the subscribers whose primary name is the receiver")
  void publishForPrimary() {
    subscribeAll("t", "p", "p%%1", "q", "pp");
    assertEquals(List.of("p", "p%%1"), topicTargets("t", "p"));
    assertEquals(List.of("q"), topicTargets("t", "q"));
    assertEquals(List.of(), topicTargets("u", "p"), "only subscribers of the topic");
  }

  @Test
  @DisplayName("C67 publish-for to a secondary name reaches nobody")
  void publishForSecondary() {
    subscribeAll("t", "p", "p%%1");
    assertEquals(List.of(), topicTargets("t", "p%%1"));
  }

  @Test
  @DisplayName("publish-for honours the recipients' exclusions")
  void publishForExclusions() {
    subscribeAll("t", "p", "p%%1");
    registry.exclude(registry.find("p%%1"), List.of("+"), LIMIT);
    assertEquals(List.of("p"), topicTargets("t", "p"));
  }

  private void subscribeAll(String topic, String... names) {
    for (String n : names) {
      registry.subscribe(registered(n), List.of(topic), LIMIT);
    }
  }

  @Test
  @DisplayName("C59 a client whose several masks match one topic receives it once")
  void oncePerPublication() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("a/#", "a/+", "a/b", "#", "+/b", "+/+", "+/#"), LIMIT);
    assertEquals(List.of("c"), topicTargets("a/b", null));
    assertEquals(List.of("c"), topicTargets("a/b", null), "a new publication reaches it again");
  }

  @Test
  @DisplayName("exclusions are matched like subscriptions: one of 10,000 masks excludes exactly its"
      + " topics")
  void manyExclusions() {
    ClientEntry c = registered("c");
    registry.subscribe(c, List.of("#"), 20_000);
    List<String> masks = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      masks.add("x/" + i + "/#");
    }
    assertEquals(ResultCode.OK, registry.exclude(c, masks, 20_000));
    assertEquals(List.of(), topicTargets("x/4711/y", null));
    assertEquals(List.of("c"), topicTargets("x/10000/y", null));
    assertEquals(List.of("c"), topicTargets("x/4711", null), "x/4711/# needs one more segment");
    registry.unexclude(c, List.of("x/4711/#"));
    assertEquals(List.of("c"), topicTargets("x/4711/y", null));
  }

  @Test
  @DisplayName("subscriptions and exclusions together stop at the limit; nothing of a refused frame"
      + " is added; masks already held do not count again")
  void maskLimit() {
    ClientEntry c = registered("c"); // holds .broker/warn
    assertEquals(ResultCode.OK, registry.subscribe(c, List.of("a", "b"), 4));
    assertEquals(Registry.TOO_MANY_MASKS, registry.exclude(c, List.of("x", "y"), 4));
    assertTrue(c.exclusions.isEmpty(), "nothing of the refused frame is added");
    assertEquals(ResultCode.OK, registry.subscribe(c, List.of("a", "b"), 4), "held already");
    assertEquals(ResultCode.OK, registry.exclude(c, List.of("x"), 4));
    assertEquals(Registry.TOO_MANY_MASKS, registry.subscribe(c, List.of("d"), 4));
    assertEquals(List.of("c"), topicTargets("a", null));
  }

  @Test
  @DisplayName("masks hold memory of the budget until unsubscribed or the client leaves")
  void masksUseTheBudget() {
    MemoryBudget budget = new MemoryBudget(10_000);
    Registry small = new Registry(budget);
    ClientEntry c = FakeClient.socket("c").entry;
    assertEquals(ResultCode.OK, small.register(c, false, 0, new ArrayList<>()));
    long base = budget.used();
    assertEquals(ResultCode.OK, small.subscribe(c, List.of("a/b/c"), LIMIT));
    assertEquals(base + Registry.cost("a/b/c"), budget.used());
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add("m/" + i);
    }
    assertEquals(Registry.NO_MEMORY, small.subscribe(c, many, LIMIT));
    assertEquals(base + Registry.cost("a/b/c"), budget.used(), "a refusal reserves nothing");
    small.unsubscribe(c, List.of("a/b/c"));
    assertEquals(base, budget.used());
    small.exclude(c, List.of("e/#"), LIMIT);
    small.remove(c);
    assertEquals(0, budget.used(), "leaving returns everything");
  }
}

package org.loombus.conformance;

import static org.loombus.testkit.Peer.broadcast;
import static org.loombus.testkit.Peer.message;
import static org.loombus.testkit.Peer.publication;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * Spec §3.4–§3.6, checklist C54–C69: subscriptions, exclusions and publications. A publisher
 * {@code pub} publishes with QoS 1 (waiting for each ACK) and ends with a sync marker, so each
 * subscriber's frames up to the marker are exactly what the broker delivered to it.
 */
class PubSubConformanceTest {
  private TestBroker broker;
  private Peer pub;
  private int nextId = 100;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
    pub = Peer.register(broker.unix(), "pub");
  }

  @AfterEach
  void stop() {
    pub.close();
    broker.close();
  }

  private void publish(String topic, String payload) {
    int id = nextId++;
    pub.send(id, 0x41, topic, payload);
    pub.expectAck(id, 0x01);
  }

  @Test
  @DisplayName("C54 subscription a/# delivers a/b and a/b/c but not a")
  void hashNeedsOneMoreSegment() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a/#");
      publish("a", "0");
      publish("a/b", "1");
      publish("a/b/c", "2");
      sub.expect(publication("pub", "a/b", "1"));
      sub.expect(publication("pub", "a/b/c", "2"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C55 subscription # delivers every topic, the empty one and .broker/info included")
  void hashAlone() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "#");
      publish("", "empty");
      publish("x", "1");
      publish("a/b/c", "3");
      publish(".broker/info", "info");
      sub.expect(publication("pub", "", "empty"));
      sub.expect(publication("pub", "x", "1"));
      sub.expect(publication("pub", "a/b/c", "3"));
      sub.expect(publication("pub", ".broker/info", "info"));
      Instant before = Instant.now();
      try (Peer late = Peer.register(broker.tcp(), "late")) {
        sub.expectAnnouncement(".broker/info", "reg", "late", before);
      }
    }
  }

  @Test
  @DisplayName("C56 subscription a/+ delivers a/x and a/ but not a/x/y or a")
  void plus() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a/+");
      publish("a/x", "1");
      publish("a/x/y", "2");
      publish("a/", "3");
      publish("a", "4");
      sub.expect(publication("pub", "a/x", "1"));
      sub.expect(publication("pub", "a/", "3"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C57 a+ inside a mask is literal: a+/b delivers a+/b, not ax/b")
  void plusInsideSegmentIsLiteral() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a+/b");
      publish("ax/b", "1");
      publish("a+/b", "2");
      sub.expect(publication("pub", "a+/b", "2"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C58 SUBSCRIBE body 74 31 00 74 32 subscribes t1 and t2")
  void subscribeList() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.raw.write(RawClient.hex("01 00 00 00 42 05 00 00 00 74 31 00 74 32"));
      sub.expect(RawClient.hex("FE 01 00 00 00 01"));
      publish("t1", "1");
      publish("t2", "2");
      sub.expect(publication("pub", "t1", "1"));
      sub.expect(publication("pub", "t2", "2"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C58 an empty SUBSCRIBE body subscribes the empty topic")
  void emptySubscribeBody() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.raw.write(RawClient.hex("02 00 00 00 42 00 00 00 00"));
      sub.expect(RawClient.hex("FE 02 00 00 00 01"));
      publish("x", "1");
      publish("", "2");
      sub.expect(publication("pub", "", "2"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C59 three matching masks (a/#, a/+, a/b) deliver a/b once")
  void deliveredOnce() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a/#", "a/+", "a/b");
      publish("a/b", "1");
      sub.expect(publication("pub", "a/b", "1"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C60 UNSUBSCRIBE a/# leaves a/b subscribed; unsubscribing an unknown mask ACKs 01")
  void unsubscribeExactMask() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a/#", "a/b");
      sub.send(2, 0x43, "a/#");
      sub.expectAck(2, 0x01);
      publish("a/b", "1");
      publish("a/c", "2");
      sub.expect(publication("pub", "a/b", "1"));
      pub.sync(sub);
      sub.send(3, 0x43, "never/subscribed");
      sub.expectAck(3, 0x01);
    }
  }

  @Test
  @DisplayName("C61 a publisher subscribed to its topic receives its own publication")
  void selfPublication() {
    pub.subscribe(1, "own");
    pub.send(2, 0x41, "own", "x");
    pub.expect(publication("pub", "own", "x"));
    pub.expectAck(2, 0x01);
  }

  @Test
  @DisplayName("C62 a QoS-1 publication without subscribers ACKs 01")
  void noSubscribers() {
    pub.raw.write(RawClient.hex("07 00 00 00 41 07 00 00 00 6E 6F 2F 6F 6E 65 00"));
    pub.expect(RawClient.hex("FE 07 00 00 00 01"));
  }

  @Test
  @DisplayName("C63 subscription # with exclusion a/# drops a/b and delivers b")
  void exclusionBeatsSubscription() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.exclude(1, "a/#");
      sub.subscribe(2, "#");
      publish("a/b", "1");
      publish("b", "2");
      sub.expect(publication("pub", "b", "2"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C64 an exclusion does not affect direct messages or broadcasts")
  void exclusionOnlyFiltersPublications() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.exclude(1, "#");
      pub.send(2, 0x52, "sub", "direct");
      pub.expectAck(2, 0x01);
      pub.send(3, 0x53, "sub", "cast");
      pub.expectAck(3, 0x01);
      sub.expect(message("pub", "direct"));
      sub.expect(broadcast("pub", "cast"));
    }
  }

  @Test
  @DisplayName("C65 UNEXCLUDE a/# restores a/b; UNEXCLUDE a/b does not cancel EXCLUDE a/#")
  void unexclude() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.subscribe(1, "a/#");
      sub.exclude(2, "a/#");
      sub.send(3, 0x45, "a/b");
      sub.expectAck(3, 0x01);
      publish("a/b", "still excluded");
      pub.sync(sub);
      sub.send(4, 0x45, "a/#");
      sub.expectAck(4, 0x01);
      publish("a/b", "back");
      sub.expect(publication("pub", "a/b", "back"));
      pub.sync(sub);
    }
  }

  @Test
  @DisplayName("C66 PUBLISH_FOR receiver p reaches subscribed p and p%%1, not q")
  void publishForPrimaryAndSecondaries() {
    try (Peer p = Peer.register(broker.unix(), "p");
        Peer p1 = Peer.register(broker.tcp(), "p%%1");
        Peer q = Peer.register(broker.unix(), "q")) {
      p.subscribe(1, "t");
      p1.subscribe(2, "t");
      q.subscribe(3, "t");
      pub.send(4, 0x46, "t", "p", "for p");
      pub.expectAck(4, 0x01);
      p.expect(publication("pub", "t", "for p"));
      p1.expect(publication("pub", "t", "for p"));
      pub.sync(q);
    }
  }

  @Test
  @DisplayName("C67 PUBLISH_FOR a secondary name reaches nobody and ACKs 01")
  void publishForSecondaryName() {
    try (Peer p = Peer.register(broker.unix(), "p");
        Peer p1 = Peer.register(broker.unix(), "p%%1")) {
      p.subscribe(1, "t");
      p1.subscribe(2, "t");
      pub.send(3, 0x46, "t", "p%%1", "x");
      pub.expectAck(3, 0x01);
      pub.sync(p);
      pub.sync(p1);
    }
  }

  @Test
  @DisplayName("C68 a fresh client without SUBSCRIBE receives publications to .broker/warn")
  void warnWithoutSubscribe() {
    try (Peer fresh = Peer.register(broker.tcp(), "fresh")) {
      // the publisher, never subscribed either, gets its own warning before the ACK
      pub.send(1, 0x41, ".broker/warn", "careful");
      pub.expect(publication("pub", ".broker/warn", "careful"));
      pub.expectAck(1, 0x01);
      fresh.expect(publication("pub", ".broker/warn", "careful"));
    }
  }

  @Test
  @DisplayName("C69 SUBSCRIBE QoS 0 then PUBLISH in one write: the subscription is in force")
  void subscribeTakesEffectBeforeNextFrame() {
    try (Peer sub = Peer.register(broker.unix(), "sub")) {
      sub.raw.write(RawClient.hex(
          "01 00 00 00 02 01 00 00 00 6B" + "02 00 00 00 01 03 00 00 00 6B 00 21"));
      sub.expect(publication("sub", "k", "!"));
    }
  }
}

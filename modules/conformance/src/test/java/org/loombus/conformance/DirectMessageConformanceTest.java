package org.loombus.conformance;

import static org.loombus.testkit.Peer.message;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/** Spec §3.2, checklist C44–C48: one-to-one messages (op {@code 12}). */
class DirectMessageConformanceTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    // T = 5 s: no client here needs to ping during a test
    broker = TestBroker.start(b -> b.timeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  @DisplayName("C44 QoS-1 message to a registered name reaches exactly that client and ACKs 01")
  void deliveredToTargetOnly() {
    try (Peer c1 = Peer.register(broker.unix(), "c1");
        Peer c2 = Peer.register(broker.tcp(), "c2");
        Peer c3 = Peer.register(broker.unix(), "c3")) {
      c1.raw.write(RawClient.hex("01 00 00 00 52 05 00 00 00 63 32 00 68 69"));
      c2.expect(RawClient.hex("12 05 00 00 00 00 63 31 00 68 69"));
      c1.expect(RawClient.hex("FE 01 00 00 00 01"));
      c1.sync(c3);
      c2.sync(c1);
    }
  }

  @Test
  @DisplayName("C45 QoS-1 message to an unregistered name delivers nothing and ACKs 71")
  void absentTarget() {
    try (Peer c1 = Peer.register(broker.unix(), "c1");
        Peer c2 = Peer.register(broker.unix(), "c2")) {
      c1.raw.write(RawClient.hex("02 00 00 00 52 05 00 00 00 63 39 00 68 69"));
      c1.expect(RawClient.hex("FE 02 00 00 00 71"));
      c1.sync(c2);
      c2.sync(c1);
    }
  }

  @Test
  @DisplayName("C44 C45 one connection alternating targets: each frame reaches the name it carries")
  void alternatingTargets() {
    // The reader keeps the last target decoded; a different name of the same length, and a
    // return to an earlier one, must each be routed by the bytes of their own frame.
    try (Peer s = Peer.register(broker.unix(), "s");
        Peer a = Peer.register(broker.unix(), "aa");
        Peer b = Peer.register(broker.unix(), "bb")) {
      s.send(1, 0x52, "aa", "1");
      s.send(2, 0x52, "bb", "2");
      s.send(3, 0x52, "aa", "3");
      s.send(4, 0x52, "cc", "4");
      s.send(5, 0x52, "aa", "5");
      s.expectAck(1, 0x01);
      s.expectAck(2, 0x01);
      s.expectAck(3, 0x01);
      s.expectAck(4, 0x71);
      s.expectAck(5, 0x01);
      a.expect(message("s", "1"));
      a.expect(message("s", "3"));
      a.expect(message("s", "5"));
      b.expect(message("s", "2"));
      s.sync(a);
      s.sync(b);
    }
  }

  @Test
  @DisplayName("C45 QoS-1 message to the empty name ACKs 71 and keeps the connection")
  void emptyTarget() {
    try (Peer c1 = Peer.register(broker.unix(), "c1")) {
      c1.send(3, 0x52, "", "x");
      c1.expectAck(3, 0x71);
      c1.sync(c1);
    }
  }

  @Test
  @DisplayName("C46 message to one's own name is delivered to the sender, before its ACK")
  void toSelf() {
    try (Peer c1 = Peer.register(broker.tcp(), "c1")) {
      c1.send(4, 0x52, "c1", "me");
      c1.expect(message("c1", "me"));
      c1.expectAck(4, 0x01);
    }
  }

  @Test
  @DisplayName("C47 messages to p and to p%%1 each reach only that client")
  void primaryAndSecondaryAreDistinct() {
    try (Peer s = Peer.register(broker.unix(), "s");
        Peer p = Peer.register(broker.unix(), "p");
        Peer p1 = Peer.register(broker.unix(), "p%%1")) {
      s.send(5, 0x52, "p", "to-p");
      s.expectAck(5, 0x01);
      s.send(6, 0x52, "p%%1", "to-p1");
      s.expectAck(6, 0x01);
      p.expect(message("s", "to-p"));
      s.sync(p);
      p1.expect(message("s", "to-p1"));
      s.sync(p1);
    }
  }

  @Test
  @DisplayName("C48 op 12 to a.* looks up the literal name: 71 while absent, never a broadcast")
  void wildcardTargetIsLiteral() {
    try (Peer s = Peer.register(broker.unix(), "s");
        Peer ab = Peer.register(broker.unix(), "a.b")) {
      s.send(7, 0x52, "a.*", "w");
      s.expectAck(7, 0x71);
      s.sync(ab);
      try (Peer literal = Peer.register(broker.tcp(), "a.*")) {
        s.send(8, 0x52, "a.*", "w");
        s.expectAck(8, 0x01);
        literal.expect(message("s", "w"));
        s.sync(ab);
      }
    }
  }
}

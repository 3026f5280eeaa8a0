package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.federation.tests.Wire.awaitInterest;
import static org.loombus.federation.tests.Wire.awaitKnown;
import static org.loombus.federation.tests.Wire.bytes;

import java.net.UnixDomainSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;

/**
 * Every kind of traffic between clients of different nodes, over three hosts (network
 * namespaces) with a clustered nats-server and a loombusd node each (docs/federation.md). The
 * clients are raw: neither knows about NATS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossNodeTrafficTest {
  private static final Duration QUIET = Duration.ofMillis(300);
  private Lab lab;

  @BeforeAll
  void hosts() {
    lab = Lab.running(3);
  }

  @AfterAll
  void down() {
    if (lab != null) {
      lab.close();
    }
  }

  private Peer peer(int host, String name) {
    return Peer.register(UnixDomainSocketAddress.of(lab.socket(host)), name);
  }

  @Test
  @DisplayName("direct messages cross with QoS 0, 1 and 3; the ACK follows the remote delivery; 71 when no node has the name")
  void directMessages() {
    try (Peer a = peer(1, "dm.a"); Peer b = peer(2, "dm.b"); Peer b2 = peer(2, "dm.b%%1")) {
      awaitKnown(a, b);
      a.send(1, 0x12, "dm.b", "qos0");
      b.expect(Peer.message("dm.a", "qos0"));
      a.send(2, 0x52, "dm.b", "qos1");
      b.expect(Peer.message("dm.a", "qos1"));
      a.expectAck(2, 0x01);
      a.send(3, 0xD2, "dm.b", bytes("qos3"));
      b.expect(Peer.message("dm.a", bytes("qos3"), true));
      a.expectAck(3, 0x01);
      a.send(4, 0x52, "nobody.anywhere", "x");
      a.expectAck(4, 0x71);
      awaitKnown(a, b2);
      a.send(5, 0x52, "dm.b%%1", "to a secondary");
      b2.expect(Peer.message("dm.a", "to a secondary"));
      a.expectAck(5, 0x01);
      awaitKnown(b, a);
      b.send(6, 0x52, "dm.a", "back");
      b.expectAck(6, 0x01);
      a.expect(Peer.message("dm.b", "back"));
      b.raw.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("a broadcast reaches the matching clients of every node once, and only them")
  void broadcast() {
    try (Peer x1 = peer(1, "w.x.1"); Peer x2 = peer(2, "w.x.2"); Peer x3 = peer(3, "w.x.3");
        Peer y = peer(3, "w.y"); Peer caster = peer(2, "caster")) {
      awaitKnown(caster, x1); // node 1 is in node 2's view
      awaitKnown(caster, x3);
      caster.send(1, 0x53, "w.x.*", "to all x");
      caster.expectAck(1, 0x01);
      for (Peer p : List.of(x1, x2, x3)) {
        p.expect(Peer.broadcast("caster", "to all x"));
      }
      caster.send(2, 0x53, "w.?.3", "to x.3");
      caster.expectAck(2, 0x01);
      x3.expect(Peer.broadcast("caster", "to x.3"));
      for (Peer p : List.of(x1, x2, x3, y)) {
        p.raw.expectNothing(QUIET);
      }
    }
  }

  @Test
  @DisplayName("publications cross by interest with +, #, empty and literal segments, exclusions and publish-for")
  void publications() {
    try (Peer pub = peer(2, "pub"); Peer plus = peer(1, "sub.plus"); Peer hash = peer(2, "sub.hash");
        Peer one = peer(3, "sub.one"); Peer empty = peer(3, "sub.empty")) {
      plus.subscribe(2, "a/+/c");
      hash.exclude(3, "a/x/#");
      hash.subscribe(2, "a/#");
      one.subscribe(2, "+");
      empty.subscribe(2, "a//c");
      for (Peer s : List.of(plus, hash, one, empty)) {
        s.subscribe(1, "sync/#");
      }
      awaitInterest(pub, plus, hash, one, empty);
      String[] topics = {"a/b/c", "a/x/c", "a//c", "a/+/c", "solo", "a/b/c/d"};
      for (int i = 0; i < topics.length; i++) {
        pub.send(10 + i, 0x41, topics[i], "p" + i);
        pub.expectAck(10 + i, 0x01);
      }
      pub.send(20, 0x46, "a/b/c", "sub.plus", "for plus only");
      pub.expectAck(20, 0x01);
      plus.expect(Peer.publication("pub", "a/b/c", "p0"));
      plus.expect(Peer.publication("pub", "a/x/c", "p1"));
      plus.expect(Peer.publication("pub", "a//c", "p2"));
      plus.expect(Peer.publication("pub", "a/+/c", "p3"));
      plus.expect(Peer.publication("pub", "a/b/c", "for plus only"));
      hash.expect(Peer.publication("pub", "a/b/c", "p0"));
      hash.expect(Peer.publication("pub", "a//c", "p2"));
      hash.expect(Peer.publication("pub", "a/+/c", "p3"));
      hash.expect(Peer.publication("pub", "a/b/c/d", "p5"));
      one.expect(Peer.publication("pub", "solo", "p4"));
      empty.expect(Peer.publication("pub", "a//c", "p2"));
      for (Peer p : List.of(plus, hash, one, empty)) {
        p.raw.expectNothing(QUIET);
      }
    }
  }

  @Test
  @DisplayName("RPC calls, error replies, call0 and notifications cross both ways on direct messages")
  void rpc() {
    try (Peer caller = peer(1, "rpc.caller"); Peer server = peer(3, "rpc.server")) {
      awaitKnown(caller, server);
      awaitKnown(server, caller);
      byte[] call = Wire.request(7, "echo", bytes("params"));
      caller.send(1, 0x52, "rpc.server", call);
      server.expect(Peer.message("rpc.caller", call, false));
      caller.expectAck(1, 0x01);
      byte[] answer = Wire.reply(7, bytes("result"));
      server.send(2, 0x52, "rpc.caller", answer);
      caller.expect(Peer.message("rpc.server", answer, false));
      server.expectAck(2, 0x01);
      byte[] failing = Wire.request(8, "fail", new byte[0]);
      caller.send(3, 0xD2, "rpc.server", failing);
      server.expect(Peer.message("rpc.caller", failing, true));
      caller.expectAck(3, 0x01);
      byte[] error = Wire.error(8, (short) -32601, new byte[0]);
      server.send(4, 0xD2, "rpc.caller", error);
      caller.expect(Peer.message("rpc.server", error, true));
      server.expectAck(4, 0x01);
      byte[] call0 = Wire.request(0, "fire", bytes("and forget"));
      caller.send(5, 0x52, "rpc.server", call0);
      server.expect(Peer.message("rpc.caller", call0, false));
      caller.expectAck(5, 0x01);
      byte[] notification = {0x00, 'h', 'i'};
      caller.send(6, 0x12, "rpc.server", notification);
      server.expect(Peer.message("rpc.caller", notification, false));
      caller.send(7, 0x52, "rpc.absent", Wire.request(9, "echo", new byte[0]));
      caller.expectAck(7, 0x71);
      server.raw.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("frames of one sender reach one receiver on another node in the order sent, across op types")
  void ordering() {
    try (Peer tx = peer(1, "ord.tx"); Peer rx = peer(3, "ord.rx")) {
      // ord/# first: NATS carries a node's subscriptions in order, so once sync/# has crossed
      // (awaitInterest), ord/# has too
      rx.subscribe(1, "ord/#");
      rx.subscribe(2, "sync/#");
      awaitKnown(tx, rx);
      awaitInterest(tx, rx);
      int n = 2000;
      for (int i = 0; i < n; i++) {
        if (i % 3 == 0) {
          tx.send(i + 1, 0x01, "ord/t", "n" + i);
        } else {
          tx.send(i + 1, 0x12, "ord.rx", "n" + i);
        }
      }
      for (int i = 0; i < n; i++) {
        rx.expect(i % 3 == 0 ? Peer.publication("ord.tx", "ord/t", "n" + i)
            : Peer.message("ord.tx", "n" + i));
      }
    }
  }

  @Test
  @DisplayName("client.list shows remote clients with their node; stats carries the federation's counters")
  void clientListAndStats() {
    try (Peer a = peer(1, "list.a"); Peer c = peer(2, "list.c")) {
      awaitKnown(a, c);
      Map<?, ?> list = Wire.coreCall(a, 1, "client.list");
      List<?> clients = (List<?>) list.get("clients");
      Map<?, ?> remote = null;
      for (Object o : clients) {
        Map<?, ?> e = (Map<?, ?>) o;
        if (e.get("name").equals("list.c")) {
          remote = e;
        }
        assertTrue(!e.get("name").equals("list.a") || !e.containsKey("node"), "local: no node");
      }
      assertTrue(remote != null, "list.c in " + clients);
      assertEquals("host2", remote.get("node"));
      assertEquals("local_ipc", remote.get("kind"));
      assertEquals(1L, ((Number) remote.get("instances")).longValue());
      Map<?, ?> stats = Wire.coreCall(a, 2, "stats");
      Map<?, ?> fed = (Map<?, ?>) stats.get("federation");
      assertEquals("host1", fed.get("node"));
      assertEquals(Boolean.TRUE, fed.get("connected"));
      assertEquals("nats://" + Lab.address(1) + ":4222", fed.get("server"));
      assertEquals(2L, ((Number) fed.get("nodes")).longValue());
      assertTrue(((Number) fed.get("frames_out")).longValue() >= 1, "frames_out: " + fed);
      assertTrue(((Number) fed.get("frames_in")).longValue() >= 1, "frames_in: " + fed);
    }
  }

  @Test
  @DisplayName("a primary name registered on another node is refused with 76; its secondaries work")
  void duplicateName() {
    try (Peer owner = peer(1, "only.one"); Peer probe = peer(2, "dup.probe")) {
      awaitKnown(probe, owner);
      try (RawClient second = RawClient.connect(UnixDomainSocketAddress.of(lab.socket(2)))) {
        assertEquals(0x76, second.handshake("only.one"));
      }
      try (Peer sec = peer(1, "only.one%%1")) {
        awaitKnown(probe, sec);
      }
    }
  }

  @Test
  @DisplayName("a frame never comes back to the node it came from: one copy per client")
  void noLoops() {
    try (Peer local = peer(1, "loop.a"); Peer remote = peer(2, "loop.b");
        Peer caster = peer(1, "caster.loop")) {
      awaitKnown(caster, remote);
      local.subscribe(1, "loop/#");
      remote.subscribe(1, "loop/#");
      remote.subscribe(2, "sync/#"); // after loop/#: see Wire.awaitInterest
      awaitInterest(caster, remote);
      caster.send(1, 0x53, "loop.?", "once");
      caster.expectAck(1, 0x01);
      caster.send(2, 0x41, "loop/t", "once");
      caster.expectAck(2, 0x01);
      local.expect(Peer.broadcast("caster.loop", "once"));
      local.expect(Peer.publication("caster.loop", "loop/t", "once"));
      remote.expect(Peer.broadcast("caster.loop", "once"));
      remote.expect(Peer.publication("caster.loop", "loop/t", "once"));
      local.raw.expectNothing(QUIET);
      remote.raw.expectNothing(QUIET);
    }
  }

  @Test
  @DisplayName("a direct message larger than NATS's max payload gets 72 and crosses nothing")
  void largestFrame() {
    try (Peer a = peer(1, "big.a"); Peer b = peer(3, "big.b")) {
      awaitKnown(a, b);
      byte[] big = new byte[(1 << 20) + 1];
      a.send(1, 0x52, "big.b", big);
      a.expectAck(1, 0x72);
      byte[] fits = new byte[900_000];
      a.send(2, 0x52, "big.b", fits);
      b.expect(Peer.message("big.a", fits, false));
      a.expectAck(2, 0x01);
    }
  }
}

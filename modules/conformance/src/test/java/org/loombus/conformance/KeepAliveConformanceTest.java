package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.NOP;
import static org.loombus.conformance.Checks.assertBytes;
import static org.loombus.conformance.Checks.assertOnlyNops;
import static org.loombus.conformance.Checks.assertSelfMessage;
import static org.loombus.conformance.Checks.assertServing;
import static org.loombus.conformance.Checks.hex;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

class KeepAliveConformanceTest {
  /** The broker's T: short, so waiting on the limits stays cheap. */
  private static final Duration T = Duration.ofMillis(400);
  private static final byte[] PING = new byte[9];

  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(T));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @ParameterizedTest(name = "C19 ping over {0}")
  @EnumSource(Via.class)
  @DisplayName("C19 a 9-byte ping is consumed exactly, answered with nothing, and keeps the connection")
  void ping(Via via) {
    try (RawClient c = via.register(broker, "c19")) {
      c.write(PING);
      c.expectNothing(T.dividedBy(2));
      c.write(PING);
      assertSelfMessage(c, "c19", 7);
    }
  }

  @ParameterizedTest(name = "C20 ping with a length over {0}")
  @EnumSource(Via.class)
  @DisplayName("C20 flags 00 with a non-zero length is a ping: no body is read")
  void pingWithLength(Via via) {
    try (RawClient c = via.register(broker, "c20")) {
      c.write(hex("05 00 00 00 00 FF FF 00 00"));
      // Were the 0xFFFF "body" bytes awaited, this frame would be swallowed by them.
      assertSelfMessage(c, "c20", 8);
      c.expectNothing(T.dividedBy(4));
    }
  }

  @Test
  @DisplayName("C21 a registered client receives 00 00 00 00 00 00 every T/2, the first after about T/2")
  void nopCadence() {
    try (RawClient c = broker.registerUnix("c21")) {
      long registered = System.nanoTime();
      List<Long> arrivals = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        assertBytes(NOP, c.readFrame(T.multipliedBy(2)));
        arrivals.add(System.nanoTime());
        c.write(PING);
      }
      double first = (arrivals.get(0) - registered) / (double) T.toNanos();
      assertTrue(first > 0.25 && first < 1.0, "first NOP after " + first + " T");
      double mean = (arrivals.get(arrivals.size() - 1) - arrivals.get(0))
          / (double) (arrivals.size() - 1) / T.toNanos();
      assertTrue(mean > 0.4 && mean < 0.6, "NOPs every " + mean + " T on average");
      // A NOP longer than 6 bytes would break the framing of what follows.
      assertSelfMessage(c, "c21", 1);
    }
  }

  @ParameterizedTest(name = "C22 idle client over {0}")
  @EnumSource(Via.class)
  @DisplayName("C22 a client sending nothing is closed after about 1.25 T and unregistered")
  void idleClientClosed(Via via) {
    // Taken before the handshake, so before the broker starts its clock: never an underestimate.
    long registered = System.nanoTime();
    try (RawClient idle = via.register(broker, "c22")) {
      assertOnlyNops(idle.readUntilClosed(T.multipliedBy(5)));
      double after = (System.nanoTime() - registered) / (double) T.toNanos();
      assertTrue(after >= 1.2 && after <= 2.5, "closed after " + after + " T");
    }
    assertUnregistered("c22");
  }

  @Test
  @DisplayName("C22 a header trickled so slowly that it is not complete within 1.25 T is closed")
  void trickledHeaderClosed() {
    try (RawClient c = broker.registerUnix("c22.slow")) {
      long start = System.nanoTime();
      Checks.trickle(c, PING, T.dividedBy(3));
      // The whole ping takes 3 T to arrive: the broker must not wait for it.
      assertOnlyNops(c.readUntilClosed(remaining(start, T.multipliedBy(5).dividedBy(2))));
    }
    assertUnregistered("c22.slow");
  }

  @Test
  @DisplayName("C23 a frame body not complete within T closes the connection without an ACK")
  void stalledBody() {
    try (RawClient c = broker.registerUnix("c23")) {
      long sent = System.nanoTime();
      c.write(Checks.header(1, 0x52, 10));
      c.write(hex("63 32 33 00 78"));
      assertOnlyNops(c.readUntilClosed(T.multipliedBy(5)));
      double after = (System.nanoTime() - sent) / (double) T.toNanos();
      assertTrue(after >= 0.9 && after <= 2.5, "closed after " + after + " T");
    }
    assertUnregistered("c23");
  }

  @Test
  @DisplayName("C23 a body trickled so slowly that it is not complete within T is closed without an ACK")
  void trickledBody() {
    byte[] body = RawClient.body("c23.slow", "payload");
    try (RawClient c = broker.registerUnix("c23.slow")) {
      c.write(Checks.header(1, 0x52, body.length));
      long start = System.nanoTime();
      Checks.trickle(c, body, T.dividedBy(3));
      // The body takes about 5 T to arrive; had the broker waited, the message would be delivered.
      assertOnlyNops(c.readUntilClosed(remaining(start, T.multipliedBy(5).dividedBy(2))));
    }
    assertUnregistered("c23.slow");
  }

  @Test
  @DisplayName("C24 clients pinging every 1 s with T = 1 s stay connected (Python/JS cadence)")
  void pingingClientStays() {
    Duration second = Duration.ofSeconds(1);
    try (TestBroker b = TestBroker.start(s -> s.timeout(second));
        RawClient unix = b.registerUnix("c24.unix");
        RawClient tcp = b.registerTcp("c24.tcp")) {
      long start = System.nanoTime();
      for (int i = 1; i <= 4; i++) {
        long due = start + second.multipliedBy(i).toNanos();
        unix.expectNothing(Duration.ofNanos(Math.max(0, (due - System.nanoTime()) / 2)));
        tcp.expectNothing(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
        unix.write(PING);
        tcp.write(PING);
      }
      assertSelfMessage(unix, "c24.unix", 1);
      assertSelfMessage(tcp, "c24.tcp", 1);
    }
  }

  @Test
  @DisplayName("C25 a client that stops reading so that a broker write blocks for more than T is disconnected")
  void nonReadingClientDisconnected() throws InterruptedException {
    try (TestBroker b = TestBroker.start(s -> s.timeout(T).queueSize(100_000));
        RawClient victim = b.registerUnix("c25.victim");
        RawClient flooder = b.registerUnix("c25.flooder")) {
      // The victim keeps pinging, so only the blocked write can be the reason to drop it.
      AtomicBoolean flooding = new AtomicBoolean(true);
      Thread pinger = Thread.ofVirtual().start(() -> {
        try {
          while (flooding.get()) {
            victim.write(PING);
            Checks.sleep(T.dividedBy(4));
          }
        } catch (UncheckedIOException droppedByTheBroker) {
          // the expected end; the assertions below tell why
        }
      });
      // Bodies small enough to arrive well within T on a busy machine, as many as it takes.
      byte[] payload = new byte[32 * 1024];
      int sent = 0;
      try {
        while (sent < 800 && b.handle().connection("c25.victim").isPresent()) {
          flooder.send(++sent, 0x12, "c25.victim", payload);
          flooder.write(PING);
        }
        // The flooder goes on pinging: the victim's write deadline can end after its idle limit.
        Checks.awaitTrue(() -> {
          flooder.write(PING);
          return b.handle().connection("c25.victim").isEmpty();
        }, T.multipliedBy(10), "the non-reading victim is disconnected");
      } finally {
        flooding.set(false);
        pinger.join();
      }
      assertTrue(victim.awaitClosed(Checks.WAIT), "the victim's connection is still open");
      flooder.send(1_000, 0x52, "c25.victim", "late");
      assertBytes(Checks.ack(1_000, 0x71), flooder.readFrameSkippingNops());
      assertSelfMessage(flooder, "c25.flooder", 1_001);
    }
  }

  private void assertUnregistered(String name) {
    assertFalse(broker.handle().clients().stream().anyMatch(i -> i.name().equals(name)),
        name + " is still listed");
    try (RawClient other = broker.registerTcp("other")) {
      other.send(3, 0x52, name, "anyone?");
      assertBytes(Checks.ack(3, 0x71), other.readFrameSkippingNops());
    }
    assertServing(broker);
  }

  private static Duration remaining(long startNanos, Duration budget) {
    return Duration.ofNanos(Math.max(1, startNanos + budget.toNanos() - System.nanoTime()));
  }
}

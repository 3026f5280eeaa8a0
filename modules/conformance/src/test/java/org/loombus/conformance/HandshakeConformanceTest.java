package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.conformance.Checks.assertBytes;
import static org.loombus.conformance.Checks.assertSelfMessage;
import static org.loombus.conformance.Checks.assertServing;
import static org.loombus.conformance.Checks.hex;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

class HandshakeConformanceTest {
  /** Short T for the tests that wait for the handshake limit. */
  private static final Duration T = Duration.ofMillis(300);

  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start(b -> b.timeout(Checks.LONG_T));
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @Test
  @DisplayName("C1 broker sends EB 01 00 before reading anything")
  void greetingFirst() {
    try (RawClient c = RawClient.connect(broker.unix())) {
      assertArrayEquals(RawClient.hex("EB 01 00"), c.read(3));
    }
  }

  @ParameterizedTest(name = "C1 greeting over {0}")
  @EnumSource(Via.class)
  @DisplayName("C1 the greeting is exactly EB 01 00 and nothing follows unasked")
  void greetingExact(Via via) {
    try (RawClient c = via.connect(broker)) {
      assertBytes(hex("EB 01 00"), c.read(3));
      c.expectNothing(Duration.ofMillis(200));
    }
  }

  @ParameterizedTest(name = "C2 greeting echo over {0}")
  @EnumSource(Via.class)
  @DisplayName("C2 an echoed EB 01 00 gets 01 and the connection stays open")
  void greetingEcho(Via via) {
    try (RawClient c = via.connect(broker)) {
      c.read(3);
      c.write(hex("EB 01 00"));
      assertBytes(hex("01"), c.read(1));
      c.expectNothing(Duration.ofMillis(200));
    }
  }

  @Test
  @DisplayName("C3 a first greeting byte other than EB gets 75 and close")
  void badMagic() {
    try (RawClient c = RawClient.connect(broker.tcp())) {
      c.read(3);
      c.write(RawClient.hex("EC 01 00"));
      assertEquals(0x75, c.read(1)[0] & 0xFF);
      assertTrue(c.awaitClosed(Duration.ofSeconds(2)));
    }
  }

  @ParameterizedTest(name = "C4 version 2 over {0}")
  @EnumSource(Via.class)
  @DisplayName("C4 greeting EB 02 00 (version 2) gets 75 and close")
  void version2(Via via) {
    try (RawClient c = via.connect(broker)) {
      c.read(3);
      c.write(hex("EB 02 00"));
      assertBytes(hex("75"), c.readUntilClosed(Checks.WAIT));
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C5 empty name over {0}")
  @EnumSource(Via.class)
  @DisplayName("C5 name length 00 00 gets 72 and close")
  void emptyName(Via via) {
    try (RawClient c = greeted(via)) {
      c.write(hex("00 00"));
      assertBytes(hex("72"), c.readUntilClosed(Checks.WAIT));
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C6 leading dot over {0}")
  @EnumSource(Via.class)
  @DisplayName("C6 name .x (02 00 2E 78) gets 72 and close")
  void leadingDot(Via via) {
    try (RawClient c = greeted(via)) {
      c.write(hex("02 00 2E 78"));
      assertBytes(hex("72"), c.readUntilClosed(Checks.WAIT));
    }
    assertFalse(names().contains(".x"));
    assertServing(broker);
  }

  @ParameterizedTest(name = "C7 invalid UTF-8 over {0}")
  @EnumSource(Via.class)
  @DisplayName("C7 a name that is not valid UTF-8 (01 00 FF) is closed without a status byte")
  void invalidUtf8Name(Via via) {
    try (RawClient c = greeted(via)) {
      c.write(hex("01 00 FF"));
      assertBytes(new byte[0], c.readUntilClosed(Checks.WAIT));
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C8 registration over {0}")
  @EnumSource(Via.class)
  @DisplayName("C8 a valid unused name gets 01 and the client is listed")
  void registers(Via via) {
    try (RawClient c = via.connect(broker)) {
      assertEquals(0x01, c.handshake("c8.client"));
      Optional<ClientInfo> info =
          broker.handle().clients().stream().filter(i -> i.name().equals("c8.client")).findFirst();
      assertTrue(info.isPresent(), "c8.client is not listed: " + names());
      assertEquals(via == Via.UNIX ? ClientKind.LOCAL_IPC : ClientKind.TCP, info.get().kind());
      assertEquals(1, info.get().instances());
      assertSelfMessage(c, "c8.client", 1);
    }
  }

  @ParameterizedTest(name = "C9 duplicate over {0}")
  @EnumSource(Via.class)
  @DisplayName("C9 a duplicate name gets 76 and close; the registered client keeps working")
  void duplicate(Via via) {
    try (RawClient first = broker.registerUnix("dup");
        RawClient second = greeted(via)) {
      second.write(hex("03 00 64 75 70"));
      assertBytes(hex("76"), second.readUntilClosed(Checks.WAIT));
      first.expectNothing(Duration.ofMillis(100));
      assertSelfMessage(first, "dup", 1);
      assertEquals(1, names().stream().filter("dup"::equals).count());
    }
  }

  @ParameterizedTest(name = "C10 force-register over {0}")
  @EnumSource(Via.class)
  @DisplayName("C10 force-register replaces the old primary and its secondaries, publishing only reg")
  void forceRegister(Via via) {
    try (TestBroker b = TestBroker.start(s -> s.forceRegister(true).timeout(Checks.LONG_T));
        RawClient watcher = b.registerUnix("watcher")) {
      watcher.send(1, 0x42, ".broker/info");
      assertBytes(Checks.ack(1, 0x01), watcher.readFrameSkippingNops());
      try (RawClient old = b.registerUnix("p");
          RawClient oldSecondary = b.registerTcp("p%%1")) {
        assertAnnouncement("reg", "p", watcher.readFrameSkippingNops());
        try (RawClient fresh = via.connect(b)) {
          assertEquals(0x01, fresh.handshake("p"));
          Checks.assertOnlyNops(old.readUntilClosed(Checks.WAIT));
          Checks.assertOnlyNops(oldSecondary.readUntilClosed(Checks.WAIT));
          assertAnnouncement("reg", "p", watcher.readFrameSkippingNops());
          watcher.expectNothing(Duration.ofMillis(500));
          assertSelfMessage(fresh, "p", 2);
          assertTrue(b.handle().connection("p%%1").isEmpty(), "the old secondary is registered");
          assertEquals(1, instancesOf(b, "p"));
        }
      }
    }
  }

  @Test
  @DisplayName("C11 a secondary p%%1 gets 01 and is listed only as p's instances = 2")
  void secondary() {
    try (RawClient p = broker.registerUnix("p");
        RawClient s = RawClient.connect(broker.tcp())) {
      assertEquals(0x01, s.handshake("p%%1"));
      assertEquals(2, instancesOf(broker, "p"));
      assertFalse(names().contains("p%%1"), "p%%1 is listed: " + names());
      assertSelfMessage(s, "p%%1", 1);
    }
  }

  @ParameterizedTest(name = "C12 orphan secondary over {0}")
  @EnumSource(Via.class)
  @DisplayName("C12 a secondary q%%1 without a primary q gets 71 and close")
  void secondaryWithoutPrimary(Via via) {
    try (RawClient c = greeted(via)) {
      c.write(hex("04 00 71 25 25 31"));
      assertBytes(hex("71"), c.readUntilClosed(Checks.WAIT));
    }
    assertServing(broker);
  }

  @ParameterizedTest(name = "C13 duplicate secondary, force-register {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("C13 a duplicate secondary p%%1 gets 76, even with force-register")
  void duplicateSecondary(boolean force) {
    try (TestBroker b = TestBroker.start(s -> s.forceRegister(force).timeout(Checks.LONG_T));
        RawClient p = b.registerUnix("p");
        RawClient first = b.registerUnix("p%%1");
        RawClient second = RawClient.connect(b.tcp())) {
      assertEquals(0x76, second.handshake("p%%1"));
      assertBytes(new byte[0], second.readUntilClosed(Checks.WAIT));
      assertSelfMessage(first, "p%%1", 1);
      assertEquals(2, instancesOf(b, "p"));
    }
  }

  @ParameterizedTest(name = "C17 silent after {0} bytes of the client's part")
  @ValueSource(ints = {0, 3, 5, 7})
  @DisplayName("C17 a client stalling mid-handshake for more than T is closed without a status byte")
  void stalledHandshake(int sent) {
    // The client's part: greeting echo (3), name length (2), name "stall" (5)
    byte[] script = hex("EB 01 00 05 00 73 74 61 6C 6C");
    try (TestBroker b = TestBroker.start(s -> s.timeout(T));
        RawClient c = RawClient.connect(b.unix())) {
      assertBytes(hex("EB 01 00"), c.read(3));
      c.write(Arrays.copyOf(script, sent));
      byte[] expected = sent >= 3 ? hex("01") : new byte[0];
      assertBytes(expected, c.readUntilClosed(T.multipliedBy(10)));
      assertServing(b);
    }
  }

  @Test
  @DisplayName("C17 a name trickled so slowly that it is not complete within T is closed without a status byte")
  void trickledName() {
    try (TestBroker b = TestBroker.start(s -> s.timeout(T));
        RawClient c = RawClient.connect(b.unix())) {
      c.read(3);
      c.write(hex("EB 01 00"));
      assertBytes(hex("01"), c.read(1));
      c.write(hex("05 00"));
      Checks.trickle(c, Checks.utf8("slow1"), T.dividedBy(2));
      assertBytes(new byte[0], c.readUntilClosed(T.multipliedBy(10)));
      assertTrue(b.handle().clients().stream().noneMatch(i -> i.name().equals("slow1")));
    }
  }

  @ParameterizedTest(name = "C18 split name over {0}")
  @EnumSource(Via.class)
  @DisplayName("C18 name length and name in separate segments still register")
  void splitName(Via via) {
    try (RawClient c = greeted(via)) {
      c.write(hex("05 00"));
      Checks.sleep(Duration.ofMillis(50));
      c.write(Checks.utf8("split"));
      assertBytes(hex("01"), c.read(1));
      assertTrue(names().contains("split"));
      assertSelfMessage(c, "split", 1);
    }
  }

  @Test
  @DisplayName("C18 a handshake written one byte per segment still registers over TCP")
  void handshakeByteByByte() {
    try (RawClient c = RawClient.connect(broker.tcp())) {
      assertBytes(hex("EB 01 00"), c.read(3));
      Checks.trickle(c, hex("EB 01 00"), Duration.ofMillis(20));
      assertBytes(hex("01"), c.read(1));
      assertTrue(Checks.trickle(c, hex("04 00 62 79 74 65"), Duration.ofMillis(20)));
      assertBytes(hex("01"), c.read(1));
      assertSelfMessage(c, "byte", 1);
    }
  }

  /** Connects and completes the greeting exchange, leaving the name to the test. */
  private RawClient greeted(Via via) {
    RawClient c = via.connect(broker);
    assertBytes(hex("EB 01 00"), c.read(3));
    c.write(hex("EB 01 00"));
    assertBytes(hex("01"), c.read(1));
    return c;
  }

  private List<String> names() {
    return broker.handle().clients().stream().map(ClientInfo::name).toList();
  }

  private static int instancesOf(TestBroker b, String name) {
    return b.handle().clients().stream().filter(i -> i.name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(name + " is not listed"))
        .instances();
  }

  /**
   * Asserts a {@code .broker/info} publication {@code {"s":subject,"d":name,"t":u64}} from
   * {@code .broker}, with {@code t} a current Unix time in nanoseconds.
   */
  private static void assertAnnouncement(String subject, String name, byte[] frame) {
    ByteArrayOutputStream map = new ByteArrayOutputStream();
    map.writeBytes(hex("83 A1 73"));
    map.write(0xA0 | subject.length());
    map.writeBytes(Checks.utf8(subject));
    map.writeBytes(hex("A1 64"));
    map.write(0xA0 | name.length());
    map.writeBytes(Checks.utf8(name));
    map.writeBytes(hex("A1 74 CF"));
    map.writeBytes(new byte[8]);
    byte[] expected = Checks.delivered(0x01, false, ".broker", ".broker/info", map.toByteArray());
    assertEquals(expected.length, frame.length, "announcement " + RawClient.hex(frame));
    byte[] t = Arrays.copyOfRange(frame, frame.length - 8, frame.length);
    System.arraycopy(t, 0, expected, expected.length - 8, 8);
    assertBytes(expected, frame);
    Instant now = Instant.now();
    long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    long skew = Math.abs(nowNanos - ByteBuffer.wrap(t).getLong());
    assertTrue(skew < Duration.ofMinutes(1).toNanos(), "t is not the current time in ns");
  }
}

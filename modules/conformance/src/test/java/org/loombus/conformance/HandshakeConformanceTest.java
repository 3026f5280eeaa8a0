package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandshakeConformanceTest {
  private TestBroker broker;

  @BeforeEach
  void start() {
    broker = TestBroker.start();
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
}

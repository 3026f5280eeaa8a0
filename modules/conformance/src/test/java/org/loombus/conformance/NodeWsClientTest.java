package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loombus.testkit.RawClient;

/**
 * Node.js's {@code ws}, the most used WebSocket library of JavaScript, as a BUS/RT client over
 * {@code ws://} and {@code wss://} (trusting the test certificate by its PEM): handshake, a direct
 * message each way with a Unix-socket client, exact bytes, the closing handshake, and the close
 * statuses of the broker's own endings. Skipped
 * where node and node-ws are not installed (./dev test installs them).
 */
class NodeWsClientTest {
  @TempDir
  Path dir;
  private WebSocketBroker broker;

  @BeforeAll
  static void nodeWs() {
    assumeTrue(NodeWsClient.available(), "node with the ws package (Debian node-ws) not installed");
  }

  @BeforeEach
  void start() {
    broker = WebSocketBroker.start(b -> b);
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void directMessagesBothWays(boolean tls) {
    try (NodeWsClient c1 = NodeWsClient.connect(dir, broker.uri(tls),
            tls ? WebSocketBroker.certificatePem() : null);
        RawClient c2 = broker.registerUnix("c2")) {
      c1.handshake("c1");
      c1.send(Checks.hex("01 00 00 00  52  05 00 00 00  63 32 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 69"), c2.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  01 00 00 00  01"), c1.readFrameSkippingNops());
      c2.write(Checks.hex("02 00 00 00  52  05 00 00 00  63 31 00 68 6F"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 32 00 68 6F"),
          c1.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  02 00 00 00  01"), c2.readFrameSkippingNops());
      c1.sendClose();
      assertEquals(1000, c1.awaitClosed());
      Checks.awaitTrue(() -> broker.handle().clients().stream()
          .noneMatch(i -> i.name().equals("c1")), Duration.ofSeconds(5), "c1 unregistered");
    }
  }

  /** The close status ws reports when the broker ends the connection: a kick, then shutdown. */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void brokersEndingsArriveWithTheirCloseStatus(boolean tls) {
    String ca = tls ? WebSocketBroker.certificatePem() : null;
    try (NodeWsClient c1 = NodeWsClient.connect(dir, broker.uri(tls), ca);
        NodeWsClient c3 = NodeWsClient.connect(dir, broker.uri(tls), ca)) {
      c1.handshake("c1");
      c3.handshake("c3");
      broker.handle().forceDisconnect("c1");
      assertEquals(1008, c1.awaitClosed(), "policy violation");
      broker.close();
      assertEquals(1001, c3.awaitClosed(), "going away");
    }
  }
}

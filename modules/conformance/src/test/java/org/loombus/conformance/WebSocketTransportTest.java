package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.testkit.RawClient;

/**
 * BUS/RT over WebSocket (docs/protocol.md §1.1) with the JDK's WebSocket client, over
 * {@code ws://} and over {@code wss://} with a certificate made for the test: the handshake,
 * subscriptions, publications and direct messages in both directions with a Unix-socket client,
 * frames cut across messages and messages of several frames, pings, frames too large for one
 * 16-bit length, and the closing handshake. Every byte is the worked examples' of §2.11.
 */
class WebSocketTransportTest {
  private WebSocketBroker broker;

  @BeforeEach
  void start() {
    broker = WebSocketBroker.start(b -> b);
  }

  @AfterEach
  void stop() {
    broker.close();
  }

  private JdkWebSocketClient register(boolean tls, String name) {
    return JdkWebSocketClient.register(broker.uri(tls), tls ? broker.clientTls() : null, name);
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void directMessagesAndPublicationsBetweenWebSocketAndUnixClients(boolean tls) {
    try (JdkWebSocketClient c1 = register(tls, "c1"); RawClient c2 = broker.registerUnix("c2")) {
      ClientInfo info = broker.handle().clients().stream()
          .filter(i -> i.name().equals("c1")).findFirst().orElseThrow();
      assertEquals(ClientKind.WEBSOCKET, info.kind());
      assertEquals((tls ? "wss" : "ws") + "://127.0.0.1:0/bus", info.port());

      c1.send(Checks.hex("01 00 00 00  52  05 00 00 00  63 32 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 69"), c2.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  01 00 00 00  01"), c1.readFrameSkippingNops());

      c1.send(Checks.hex("04 00 00 00  42  05 00 00 00  61 2F 23 00 62"));
      assertArrayEquals(Checks.hex("FE  04 00 00 00  01"), c1.readFrameSkippingNops());
      c2.write(Checks.hex("03 00 00 00  01  05 00 00 00  61 2F 62 00 78"));
      assertArrayEquals(Checks.hex("01  08 00 00 00  00  63 32 00 61 2F 62 00 78"), c1.readFrameSkippingNops());

      c2.write(Checks.hex("04 00 00 00  42  05 00 00 00  61 2F 23 00 62"));
      assertArrayEquals(Checks.hex("FE  04 00 00 00  01"), c2.readFrameSkippingNops());
      c1.send(Checks.hex("03 00 00 00  01  05 00 00 00  61 2F 62 00 78"));
      assertArrayEquals(Checks.hex("01  08 00 00 00  00  63 31 00 61 2F 62 00 78"), c2.readFrameSkippingNops());
      // c1 is subscribed too, and no routing filters out the sender (§3.7)
      assertArrayEquals(Checks.hex("01  08 00 00 00  00  63 31 00 61 2F 62 00 78"), c1.readFrameSkippingNops());

      c2.write(Checks.hex("07 00 00 00  52  05 00 00 00  63 31 00 68 69"));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 32 00 68 69"), c1.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE  07 00 00 00  01"), c2.readFrameSkippingNops());
    }
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void messageBoundariesMeanNothing(boolean tls) {
    try (JdkWebSocketClient c1 = register(tls, "c1"); RawClient c2 = broker.registerUnix("c2")) {
      byte[] first = Checks.hex("01 00 00 00  52  05 00 00 00  63 32 00 68 69");
      byte[] second = Checks.hex("02 00 00 00  52  05 00 00 00  63 32 00 68 6F");
      // two frames in one message of 4-byte fragments, with a ping between two fragments' sends
      byte[] both = concat(first, second);
      c1.sendFragmented(Arrays.copyOf(both, 12), 4);
      c1.ping(Checks.hex("70 69 6E 67"));
      c1.send(Arrays.copyOfRange(both, 12, both.length));
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 69"), c2.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 6F"), c2.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE 01 00 00 00 01"), c1.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE 02 00 00 00 01"), c1.readFrameSkippingNops());
      // one frame in single-byte messages
      for (byte b : Checks.hex("03 00 00 00  52  05 00 00 00  63 32 00 79 6F")) {
        c1.send(new byte[] {b});
      }
      assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 79 6F"), c2.readFrameSkippingNops());
      assertArrayEquals(Checks.hex("FE 03 00 00 00 01"), c1.readFrameSkippingNops());
    }
  }

  /** 200 000 bytes take the 64-bit length form in both directions and many socket writes. */
  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void largeFramesBothWays(boolean tls) {
    try (JdkWebSocketClient c1 = register(tls, "c1"); RawClient c2 = broker.registerUnix("c2")) {
      byte[] payload = new byte[200_000];
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) (i * 31 + 7);
      }
      byte[] body = concat(Checks.hex("63 32 00"), payload);
      c1.send(concat(Checks.hex("09 00 00 00  12"), le32(body.length), body));
      byte[] delivered = c2.readFrameSkippingNops();
      assertArrayEquals(concat(Checks.hex("12"), le32(3 + payload.length), Checks.hex("00"),
          Checks.hex("63 31 00"), payload), delivered);

      byte[] back = concat(Checks.hex("63 31 00"), payload);
      c2.write(concat(Checks.hex("0A 00 00 00  12"), le32(back.length), back));
      assertArrayEquals(concat(Checks.hex("12"), le32(3 + payload.length), Checks.hex("00"),
          Checks.hex("63 32 00"), payload), c1.readFrameSkippingNops());
    }
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void closingHandshakeUnregistersTheClient(boolean tls) {
    try (JdkWebSocketClient c1 = register(tls, "c1"); RawClient c2 = broker.registerUnix("c2")) {
      c1.sendClose();
      assertEquals(1000, c1.awaitClosed(Duration.ofSeconds(5)));
      Checks.awaitTrue(() -> broker.handle().clients().stream()
          .noneMatch(i -> i.name().equals("c1")), Duration.ofSeconds(5), "c1 unregistered");
      c2.write(Checks.hex("02 00 00 00  52  05 00 00 00  63 31 00 68 69"));
      assertArrayEquals(Checks.hex("FE  02 00 00 00  71"), c2.readFrameSkippingNops());
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.RawClient;

/**
 * Bad input on a WebSocket listener ends only that connection, with the HTTP status or close
 * status RFC 6455 asks for and one log line naming the peer and the reason, while a WebSocket
 * client and a Unix-socket client connected before go on exchanging messages. The broker's own
 * endings (a BUS/RT violation, an operator's kick, the shutdown) likewise send their close status
 * before the TCP connection closes. The attacker is a plain socket writing exact bytes; the
 * payload size limit is 1024, so a message may hold 1024 + 65536 bytes.
 */
class WebSocketHostileTest {
  /** T is 5 s so that the clients connected before stay within their idle limit unprompted. */
  private static final Duration T = Checks.LONG_T;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private WebSocketBroker broker;
  private JdkWebSocketClient healthy;
  private RawClient unix;

  @BeforeEach
  void start() {
    broker = WebSocketBroker.start(b -> b.payloadSizeLimit(1024).timeout(T));
    healthy = JdkWebSocketClient.register(broker.uri(false), null, "c1");
    unix = broker.registerUnix("c2");
  }

  @AfterEach
  void stop() {
    healthy.close();
    unix.close();
    broker.close();
  }

  /** The clients connected before the attack still exchange a message and its ACK. */
  private void assertOthersGoOn(int id) {
    healthy.send(Checks.hex(String.format("%02X 00 00 00  52  05 00 00 00  63 32 00 68 69", id)));
    assertArrayEquals(Checks.hex("12  05 00 00 00  00  63 31 00 68 69"),
        unix.readFrameSkippingNops());
    assertArrayEquals(Checks.hex(String.format("FE  %02X 00 00 00  01", id)),
        healthy.readFrameSkippingNops());
  }

  /** Asserts exactly one log line about the attacker's port, and that it gives the reason. */
  private static void assertOneLine(RawWebSocket attacker, String reason) {
    List<String> lines = BrokerLog.await("127.0.0.1:" + attacker.localPort(), WAIT);
    assertEquals(1, lines.size(), "expected one line, got " + lines);
    assertTrue(lines.get(0).contains(reason), "expected '" + reason + "' in " + lines.get(0));
  }

  private RawWebSocket upgraded() {
    return RawWebSocket.upgraded(broker.wsAddress(), WebSocketBroker.PATH);
  }

  /** Upgraded and registered as {@code bad}. */
  private RawWebSocket registered() {
    return RawWebSocket.registered(broker.wsAddress(), WebSocketBroker.PATH, "bad");
  }

  @Test
  void unmaskedFrameEndsTheConnectionWithStatus1002() {
    try (RawWebSocket ws = upgraded()) {
      ws.write(RawWebSocket.frame(2, true, false, Checks.hex("EB 01 00")));
      ws.assertClosedWith("88 02 03 EA");
      assertOneLine(ws, "handshake with websocket 127.0.0.1:" + ws.localPort()
          + " failed: WebSocket: unmasked frame from the client");
    }
    assertOthersGoOn(1);
  }

  @Test
  void frameBeyondTheMessageLimitEndsTheConnectionWithStatus1009() {
    try (RawWebSocket ws = registered()) {
      // a header announcing 66 561 bytes: one more than 1024 + 65536; no payload follows
      ws.write(Checks.hex("82 FF  00 00 00 00 00 01 04 01  12 34 56 78"));
      ws.assertClosedWith("88 02 03 F1");
      assertOneLine(ws, "WARN org.loombus.broker: client bad (websocket 127.0.0.1:"
          + ws.localPort());
      assertOneLine(ws, "WebSocket: message of more than 66560 bytes");
    }
    assertOthersGoOn(2);
  }

  @Test
  void fragmentsAddingUpBeyondTheMessageLimitEndTheConnection() {
    try (RawWebSocket ws = registered()) {
      // a ping frame body of 40 000 bytes in a first fragment, then a second one of 30 000
      byte[] first = new byte[40_000];
      first[4] = 0x00;
      ws.write(RawWebSocket.frame(2, false, true, first));
      ws.write(RawWebSocket.frame(0, true, true, new byte[30_000]));
      ws.assertClosedWith("88 02 03 F1");
      assertOneLine(ws, "WebSocket: message of more than 66560 bytes");
    }
    assertOthersGoOn(3);
  }

  @Test
  void textMessageEndsTheConnectionWithStatus1003() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(1, true, true, "hello".getBytes(StandardCharsets.UTF_8)));
      ws.assertClosedWith("88 02 03 EB");
      assertOneLine(ws, "WebSocket: text message; BUS/RT travels in binary messages");
    }
    assertOthersGoOn(4);
  }

  @Test
  void continuationOutsideAMessageEndsTheConnectionWithStatus1002() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(0, true, true, new byte[9]));
      ws.assertClosedWith("88 02 03 EA");
      assertOneLine(ws, "WebSocket: continuation frame outside a message");
    }
    assertOthersGoOn(5);
  }

  @Test
  void pingIsAnsweredWithItsPayloadAndCloseWithTheSameStatus() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(9, true, true, Checks.hex("01 02 03")));
      assertArrayEquals(Checks.hex("8A 03 01 02 03"), ws.read(5, WAIT));
      ws.write(RawWebSocket.frame(8, true, true, Checks.hex("03 E8")));
      ws.assertClosedWith("88 02 03 E8");
    }
    assertOthersGoOn(6);
  }

  @Test
  void closeWithAStatusNoPeerMaySendIsAProtocolError() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(8, true, true, Checks.hex("03 ED"))); // 1005: "no status"
      ws.assertClosedWith("88 02 03 EA");
      assertOneLine(ws, "WebSocket: close status 1005");
    }
    assertOthersGoOn(15);
  }

  /** A BUS/RT frame the broker cannot parse ends the WebSocket like a WebSocket violation. */
  @Test
  void unknownBusRtOpCodeEndsTheConnectionWithStatus1002() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(2, true, true, Checks.hex("01 00 00 00  3F  00 00 00 00")));
      ws.assertClosedWith("88 02 03 EA");
      assertOneLine(ws, "unknown op code 0x3F");
    }
    assertOthersGoOn(17);
  }

  /** The payload size limit is BUS/RT's (1024 here), below the message limit of WebSocket. */
  @Test
  void busRtFrameBeyondThePayloadLimitEndsTheConnectionWithStatus1009() {
    try (RawWebSocket ws = registered()) {
      ws.write(RawWebSocket.frame(2, true, true, Checks.hex("01 00 00 00  52  D0 07 00 00")));
      ws.assertClosedWith("88 02 03 F1");
      assertOneLine(ws, "frame body of 2000 bytes exceeds the limit of 1024");
    }
    assertOthersGoOn(18);
  }

  /** An operator's kick (the dashboard's, the API's) is a policy decision. */
  @Test
  void forceDisconnectEndsTheConnectionWithStatus1008() {
    try (RawWebSocket ws = registered()) {
      broker.handle().forceDisconnect("bad");
      ws.assertClosedWith("88 02 03 F0");
      assertOneLine(ws, "force-disconnected");
    }
    assertOthersGoOn(19);
  }

  @Test
  void brokerShutdownEndsTheConnectionWithStatus1001() {
    try (RawWebSocket ws = registered()) {
      broker.close();
      ws.assertClosedAfterMessagesWith("88 02 03 E9");
    }
  }

  @Test
  void requestWithoutUpgradeGets400() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write("GET /bus HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertEquals("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
          ws.readHead(WAIT));
      assertTrue(ws.awaitEof(WAIT), "connection closed");
      assertOneLine(ws, "INFO org.loombus.server: connection on ws://127.0.0.1:0/bus from"
          + " 127.0.0.1:" + ws.localPort() + " lost before the handshake: not a WebSocket upgrade"
          + " request (answered 400)");
    }
    assertOthersGoOn(7);
  }

  @Test
  void garbageInsteadOfARequestGets400() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write(Checks.hex("EB 01 00 0D 0A 0D 0A"));
      assertTrue(ws.readHead(WAIT).startsWith("HTTP/1.1 400 Bad Request\r\n"));
      assertTrue(ws.awaitEof(WAIT), "connection closed");
      assertOneLine(ws, "not an HTTP/1.1 request line (answered 400)");
    }
    assertOthersGoOn(8);
  }

  @Test
  void otherPathGets404() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write(RawWebSocket.upgradeRequest("/other"));
      assertTrue(ws.readHead(WAIT).startsWith("HTTP/1.1 404 Not Found\r\n"));
      assertTrue(ws.awaitEof(WAIT), "connection closed");
      assertOneLine(ws, "path '/other' is not /bus (answered 404)");
    }
    assertOthersGoOn(9);
  }

  @Test
  void otherWebSocketVersionGets426WithTheSupportedOne() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write(RawWebSocket.upgradeRequest("/bus").replace("Version: 13", "Version: 8"));
      assertEquals("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n"
          + "Content-Length: 0\r\nConnection: close\r\n\r\n", ws.readHead(WAIT));
      assertTrue(ws.awaitEof(WAIT), "connection closed");
      assertOneLine(ws, "WebSocket version '8', not 13 (answered 426)");
    }
    assertOthersGoOn(10);
  }

  @Test
  void requestHeadBeyond8KiBGets431() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write("GET /bus HTTP/1.1\r\nX-Filler: " + "a".repeat(9000) + "\r\n\r\n");
      assertTrue(ws.readHead(WAIT).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
      assertOneLine(ws, "request head longer than 8192 bytes (answered 431)");
    }
    assertOthersGoOn(11);
  }

  /** A request that never ends is cut off after T without an answer. */
  @Test
  void slowRequestIsClosedAfterT() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wsAddress())) {
      ws.write("GET /bus HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      assertOthersGoOn(12);
      assertEquals("", ws.readHead(WAIT), "no answer, then the end");
      assertOneLine(ws, "lost before the handshake: upgrade not complete within 5000 ms");
    }
    assertOthersGoOn(13);
  }

  /** Two requests that never end take one address's share: a third is closed at once. */
  @Test
  void upgradesBeyondTheShareOfAnAddressAreClosedAtOnce() {
    broker.close();
    broker = WebSocketBroker.start(b -> b.maxPendingPerPeer(2).timeout(T));
    healthy.close();
    unix.close();
    healthy = JdkWebSocketClient.register(broker.uri(false), null, "c1");
    unix = broker.registerUnix("c2");
    try (RawWebSocket slow1 = RawWebSocket.connect(broker.wsAddress());
        RawWebSocket slow2 = RawWebSocket.connect(broker.wsAddress())) {
      slow1.write("GET /bus HTTP/1.1\r\n");
      slow2.write("GET /bus HTTP/1.1\r\n");
      Checks.sleep(Duration.ofMillis(300)); // both accepted and reading their requests
      try (RawWebSocket third = RawWebSocket.connect(broker.wsAddress())) {
        assertTrue(third.awaitEof(WAIT), "closed");
        assertOneLine(third, "lost before the handshake: already 2 WebSocket upgrades under way"
            + " from 127.0.0.1 (the per-peer pending-handshake limit)");
      }
      assertOthersGoOn(16);
    }
  }

  /** The same over TLS: a client that opens the connection and never says hello. */
  @Test
  void silentTlsClientIsClosedAfterT() {
    try (RawWebSocket ws = RawWebSocket.connect(broker.wssAddress())) {
      assertTrue(ws.awaitEof(WAIT), "connection closed");
      assertOneLine(ws, "connection on wss://127.0.0.1:0/bus from 127.0.0.1:" + ws.localPort()
          + " lost before the handshake: TLS handshake and upgrade not complete within 5000 ms");
    }
    assertOthersGoOn(14);
  }
}

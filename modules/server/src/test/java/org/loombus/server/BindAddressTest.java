package org.loombus.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BindAddressTest {
  private static final BindAddress.Kind WS = BindAddress.Kind.WEBSOCKET;

  @Test
  void webSocketValues() {
    assertEquals(new BindAddress(WS, "ws://127.0.0.1:9925/bus", null, "127.0.0.1", 9925, "/bus",
        false), BindAddress.parse("ws://127.0.0.1:9925/bus"));
    assertEquals(new BindAddress(WS, "wss://example.org/a/b", null, "example.org", 443, "/a/b",
        true), BindAddress.parse("wss://example.org/a/b"));
    assertEquals(new BindAddress(WS, "ws://[::1]:80", null, "::1", 80, "/", false),
        BindAddress.parse("ws://[::1]:80"));
    assertEquals(new BindAddress(WS, "ws://[::1]/x", null, "::1", 80, "/x", false),
        BindAddress.parse("ws://[::1]/x"));
  }

  @Test
  void badWebSocketValuesAreRefusedWithTheValue() {
    for (String bad : new String[] {"ws:///bus", "ws://h:1/a?b", "ws://h:1/a#b", "ws://h:1/a b"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> BindAddress.parse(bad), bad);
      assertEquals("'" + bad + "' is not ws://host[:port][/path]", e.getMessage());
    }
    assertEquals("'ws://h:70000/x' has no valid TCP port", assertThrows(
        IllegalArgumentException.class, () -> BindAddress.parse("ws://h:70000/x")).getMessage());
  }

  @Test
  void otherKindsAsBefore() {
    assertEquals(new BindAddress(BindAddress.Kind.TCP, "[::1]:9924", null, "::1", 9924, null,
        false), BindAddress.parse("[::1]:9924"));
    assertEquals(new BindAddress(BindAddress.Kind.UNIX, "/tmp/x.sock", Path.of("/tmp/x.sock"),
        null, 0, null, false), BindAddress.parse("/tmp/x.sock"));
    assertEquals("'localhost' is neither a Unix socket path nor host:port", assertThrows(
        IllegalArgumentException.class, () -> BindAddress.parse("localhost")).getMessage());
  }
}

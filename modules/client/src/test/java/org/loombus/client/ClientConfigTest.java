package org.loombus.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientConfigTest {
  @ParameterizedTest
  @ValueSource(strings = {"/tmp/loombus", "/run/x:9924", "broker.sock", "run/broker.socket", "b.ipc"})
  @DisplayName("a path starting with / or ending in .sock, .socket or .ipc is a Unix socket")
  void unixAddresses(String address) {
    assertTrue(ClientConfig.builder(address, "c").build().isUnixSocket());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:9924", "127.0.0.1:1", "[::1]:65535", "broker.sock.example:80"})
  @DisplayName("anything else with a host and a port is TCP")
  void tcpAddresses(String address) {
    assertFalse(ClientConfig.builder(address, "c").build().isUnixSocket());
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", ":9924", "host:", "host:0", "host:65536", "host:x", ""})
  @DisplayName("a TCP address without a host or a valid port is refused when built")
  void badAddresses(String address) {
    assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder(address, "c").build());
  }

  @Test
  @DisplayName("defaults are the reference client's: timeout 1 s, queue 8192")
  void defaults() {
    ClientConfig c = ClientConfig.builder("/tmp/x.sock", "c").build();
    assertEquals(Duration.ofSeconds(1), c.timeout());
    assertEquals(8192, c.queueSize());
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  @DisplayName("names must be 1 to 65535 UTF-8 bytes; timeout and queue size positive")
  void invalidSettings() {
    assertThrows(IllegalArgumentException.class, () -> ClientConfig.builder("/x", "").build());
    assertThrows(IllegalArgumentException.class,
        () -> ClientConfig.builder("/x", "é".repeat(32768)).build());
    assertThrows(IllegalArgumentException.class,
        () -> ClientConfig.builder("/x", "c").timeout(Duration.ZERO).build());
    assertThrows(IllegalArgumentException.class,
        () -> ClientConfig.builder("/x", "c").queueSize(0).build());
  }
}

package org.loombus.examples.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.client.BusClients;
import org.loombus.client.ClientConfig;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcHandler;
import org.loombus.testkit.JvmProcess;

/** The embedding example, run as its own process, used over its socket, and stopped. */
class EmbeddedBrokerTest {
  /** Exactly the modules an application embedding the broker with a listener needs. */
  private static final List<String> EMBEDDING_MODULES = List.of(
      "org.loombus.examples.embedded.EmbeddedBroker", "org.loombus.server.BrokerServer",
      "org.loombus.broker.service.CoreRpc", "org.loombus.broker.Broker",
      "org.loombus.rpc.RpcClient", "org.loombus.protocol.BusClient",
      "org.msgpack.core.MessagePack");

  @Test
  @DisplayName("with only the broker, listener and .broker modules it serves its in-process"
      + " clients and socket clients, prints nothing but its own lines, and removes its socket")
  void runsServesAndCleansUp(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("app.sock");
    try (JvmProcess app = JvmProcess.start(EMBEDDING_MODULES,
        "org.loombus.examples.embedded/org.loombus.examples.embedded.EmbeddedBroker", List.of(),
        List.of(socket.toString()))) {
      app.awaitOutput("listening on " + socket, Duration.ofSeconds(30));
      try (RpcClient rpc = RpcClient.start(BusClients.connect(
          ClientConfig.builder(socket.toString(), "test.caller").build()), new RpcHandler() {})) {
        assertEquals(Map.of("sum", 5L),
            rpc.call("svc.calc", "add", Map.of("a", 2, "b", 3), Duration.ofSeconds(5)));
        assertEquals(Map.of("ok", true),
            rpc.call(".broker", "test", Map.of(), Duration.ofSeconds(5)));
      }
      app.closeInput();
      assertEquals(0, app.awaitExit(Duration.ofSeconds(30)), app.output());
      assertEquals(List.of("app.worker got jobs/resize: photo-1", "listening on " + socket),
          app.output().lines().toList());
    }
    assertFalse(Files.exists(socket), "the socket file is left behind");
  }

  @Test
  @DisplayName("embedding the broker with a listener installs no logging provider")
  void noLoggingProvider() {
    // This test runs in the example's module, with the broker, listener and .broker modules.
    for (Module m : ModuleLayer.boot().modules()) {
      for (ModuleDescriptor.Provides p : m.getDescriptor().provides()) {
        assertFalse(p.service().equals(System.LoggerFinder.class.getName()),
            m.getName() + " provides a LoggerFinder");
      }
    }
    assertTrue(ModuleLayer.boot().findModule("org.loombus.server").isPresent());
    // the JDK's own: java.base's, or java.util.logging's where java.logging is present
    String finder = System.LoggerFinder.getLoggerFinder().getClass().getModule().getName();
    assertTrue(finder.equals("java.base") || finder.equals("java.logging"), finder);
  }
}

package org.loombus.examples.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.JvmProcess;
import org.loombus.testkit.TestBroker;

/** The socket-client example, run as its own process against a real broker. */
class SocketClientExampleTest {
  /** Exactly the modules a socket-client application needs: no broker, no listeners. */
  static final List<String> CLIENT_MODULES = List.of(
      "org.loombus.examples.client.SocketClientExample", "org.loombus.client.BusClients",
      "org.loombus.rpc.RpcClient", "org.loombus.protocol.BusClient",
      "org.msgpack.core.MessagePack");

  @Test
  @DisplayName("with only the client, RPC and protocol modules on its module path it publishes,"
      + " receives, serves and calls RPC over a Unix socket")
  void runsWithItsOwnModulesOnly() {
    try (TestBroker broker = TestBroker.start();
        JvmProcess example = JvmProcess.start(CLIENT_MODULES,
            "org.loombus.examples.client/org.loombus.examples.client.SocketClientExample",
            List.of(), List.of(broker.socketPath().toString()))) {
      assertEquals(0, example.awaitExit(Duration.ofSeconds(30)), example.output());
      assertEquals(List.of(
          "example.pub on news/today: hello",
          "example.shout answered {text=QUIET}",
          ".broker answered {ok=true}"), example.output().lines().toList());
    }
  }
}

package org.loombus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.JvmProcess;
import org.loombus.testkit.TestBroker;

/** The tool runs with its own modules only: no broker, no listeners, no daemon. */
class ToolModulesTest {
  @Test
  @DisplayName("loombus with only the tool, client, RPC and protocol modules calls .broker test")
  void runsWithItsOwnModulesOnly() {
    try (TestBroker broker = TestBroker.start();
        JvmProcess tool = JvmProcess.start(List.of("org.loombus.cli.Main",
            "org.loombus.client.BusClients", "org.loombus.rpc.RpcClient",
            "org.loombus.protocol.BusClient", "org.msgpack.core.MessagePack"),
            "org.loombus.cli/org.loombus.cli.Main", List.of(),
            List.of(broker.socketPath().toString(), "broker", "test"))) {
      assertEquals(0, tool.awaitExit(Duration.ofSeconds(30)), tool.output());
      assertEquals("ok: true\n", tool.output());
    }
  }
}

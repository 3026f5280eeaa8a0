package org.loombus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.loombus.protocol.BusClient;
import org.loombus.rpc.Json;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;

/**
 * {@code broker info|stats|test|client.list}: calls of the broker's own RPC peer (docs/protocol.md
 * §5).
 */
final class BrokerCommands {
  private BrokerCommands() {}

  static int run(Cli cli, Args a) throws CliException, InterruptedException {
    String what = a.next("info, stats, test or client.list");
    if (Args.isHelp(what)) {
      cli.out().println("Usage: loombus broker info|stats|test|client.list\n"
          + "Calls the broker's .broker RPC peer and prints the answer.");
      return 0;
    }
    a.end();
    if (!List.of("info", "stats", "test", "client.list").contains(what)) {
      throw CliException.usage("broker: unknown command '" + what + "'");
    }
    Object reply = call(cli, what);
    if (what.equals("test") && cli.silent()) {
      cli.out().println(Json.compact(reply)); // busrt -s prints the answer as data
    } else if (what.equals("client.list")) {
      printClients(cli, reply);
    } else if (reply instanceof Map<?, ?> m) {
      m.forEach((k, v) -> cli.out().println(k + ": " + Json.spaced(v)));
    } else {
      cli.out().println(Json.spaced(reply));
    }
    return 0;
  }

  private static Object call(Cli cli, String method) throws CliException, InterruptedException {
    BusClient bus = cli.connect();
    try (RpcClient rpc = RpcClient.start(bus, new RpcHandler() {})) {
      byte[] result = rpc.call(".broker", method, new byte[0], cli.timeout());
      return result.length == 0 ? null : MsgPack.decode(result);
    } catch (RpcException e) {
      throw CliException.failed(method + " failed: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CliException.failed(method + ": the answer is not MessagePack");
    }
  }

  private static void printClients(Cli cli, Object reply) throws CliException {
    if (!(reply instanceof Map<?, ?> m) || !(m.get("clients") instanceof List<?> clients)) {
      throw CliException.failed("client.list: unexpected answer " + Json.spaced(reply));
    }
    // A federated broker lists the clients of other nodes too, each with its node (docs/federation.md).
    boolean federated = clients.stream().anyMatch(o -> o instanceof Map<?, ?> c
        && c.containsKey("node"));
    List<String> header = new ArrayList<>(List.of("name", "type", "source", "port", "r_frames",
        "r_bytes", "w_frames", "w_bytes", "queue", "ins"));
    if (federated) {
      header.add("node");
    }
    Table t = new Table(header, false, false, false, false, true, true, true, true, true, true,
        false);
    for (Object o : clients) {
      if (o instanceof Map<?, ?> c && !cli.name().equals(c.get("name"))) {
        List<String> row = new ArrayList<>(List.of(text(c.get("name")), text(c.get("kind")),
            text(c.get("source")), text(c.get("port")), text(c.get("r_frames")),
            text(c.get("r_bytes")), text(c.get("w_frames")), text(c.get("w_bytes")),
            text(c.get("queue")), text(c.get("instances"))));
        if (federated) {
          row.add(text(c.get("node")));
        }
        t.add(row);
      }
    }
    t.print(cli.out());
  }

  private static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}

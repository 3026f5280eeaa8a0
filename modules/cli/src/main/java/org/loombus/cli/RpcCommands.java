package org.loombus.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.rpc.KeyValueParams;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;

/** {@code rpc listen|notify|call0|call} (docs/protocol.md §4, §10.1). */
final class RpcCommands {
  private static final String USAGE = """
      Usage: loombus rpc listen [-t TOPIC]...            serve RPC: print calls (answered with an
                                                        empty result), notifications and frames
             loombus rpc notify TARGET [PAYLOAD]          RPC notification (payload or stdin)
             loombus rpc call0 TARGET METHOD [k=v...|-]   call without reply
             loombus rpc call TARGET METHOD [k=v...|-]    call and print the result
      Params: k=v words become a MessagePack map (true/false, integers and decimals typed);
      '-' sends standard input as the raw params; none sends empty params.""";

  private RpcCommands() {}

  static int run(Cli cli, Args a) throws CliException, InterruptedException {
    String sub = a.next("listen, notify, call0 or call");
    if (Args.isHelp(sub)) {
      cli.out().println(USAGE);
      return 0;
    }
    return switch (sub) {
      case "listen" -> listen(cli, a);
      case "notify" -> notify(cli, a);
      case "call0", "call" -> call(cli, a, sub.equals("call0"));
      default -> throw CliException.usage("rpc: unknown command '" + sub + "'");
    };
  }

  private static int listen(Cli cli, Args a) throws CliException, InterruptedException {
    List<String> topics = new ArrayList<>();
    while (a.hasNext()) {
      String flag = a.flag();
      switch (flag) {
        case "-t", "--topic", "--topics" -> topics.add(a.value(flag));
        default -> throw CliException.usage("rpc listen: unknown option '" + flag + "'");
      }
    }
    BusClient bus = cli.connect();
    if (!topics.isEmpty()) {
      BusCommands.check(cli, bus.subscribe(topics, Qos.PROCESSED), "subscribe");
    }
    CountDownLatch closed = new CountDownLatch(1);
    try (RpcClient rpc = RpcClient.start(bus, new RpcHandler() {
      @Override
      public byte[] onCall(RpcEvent call) {
        print(cli, "call " + call.method() + " from " + call.sender() + ": "
            + Payloads.show(call.payload()));
        return new byte[0];
      }

      @Override
      public void onNotification(RpcEvent n) {
        print(cli, "notification from " + n.sender() + ": " + Payloads.show(n.payload()));
      }

      @Override
      public void onFrame(Frame frame) {
        print(cli, BusCommands.describe(frame));
      }
    })) {
      closed.await(); // until interrupted
    }
    return 0;
  }

  private static void print(Cli cli, String line) {
    cli.out().println(line);
    cli.out().flush();
  }

  private static int notify(Cli cli, Args a) throws CliException, InterruptedException {
    String target = a.next("TARGET");
    byte[] data = Payloads.fromArgOrStdin(a.hasNext() ? a.next("PAYLOAD") : null, cli.in());
    a.end();
    try (RpcClient rpc = RpcClient.start(cli.connect(), new RpcHandler() {})) {
      BusCommands.check(cli, rpc.notify(target, data, Qos.PROCESSED), "notify");
    }
    cli.out().println("OK");
    return 0;
  }

  private static int call(Cli cli, Args a, boolean noReply)
      throws CliException, InterruptedException {
    String target = a.next("TARGET");
    String method = a.next("METHOD");
    List<String> rest = a.rest();
    byte[] params;
    if (rest.equals(List.of("-"))) {
      params = Payloads.fromArgOrStdin(null, cli.in());
    } else if (rest.isEmpty()) {
      params = new byte[0];
    } else {
      try {
        params = MsgPack.encode(KeyValueParams.parse(rest));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("rpc: " + e.getMessage());
      }
    }
    try (RpcClient rpc = RpcClient.start(cli.connect(), new RpcHandler() {})) {
      if (noReply) {
        BusCommands.check(cli, rpc.call0(target, method, params, Qos.PROCESSED), "call0");
        cli.out().println("OK");
        return 0;
      }
      byte[] result = rpc.call(target, method, params, cli.timeout());
      cli.printResult(result);
      return 0;
    } catch (RpcException e) {
      String message = new String(e.data(), StandardCharsets.UTF_8);
      throw CliException.failed("RPC error " + e.code() + (message.isEmpty() ? "" : ": " + message));
    }
  }
}

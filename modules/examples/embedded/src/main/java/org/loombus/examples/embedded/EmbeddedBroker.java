package org.loombus.examples.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.broker.service.CoreRpc;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;

/**
 * Embeds a broker with a Unix-socket listener: an in-process worker takes a job another
 * in-process client publishes, an in-process service {@code svc.calc} adds numbers for anyone on
 * the bus, and the process serves socket clients until its standard input closes. Closing the
 * server removes the socket file; closing the broker disconnects everybody.
 *
 * <p>Usage: {@code EmbeddedBroker SOCKET_PATH}.
 */
public final class EmbeddedBroker {
  private EmbeddedBroker() {}

  /**
   * @param args the Unix socket path
   * @throws Exception if the socket cannot be bound or a step fails
   */
  public static void main(String[] args) throws Exception {
    String socket = args.length > 0 ? args[0] : "/tmp/loombus-example.sock";
    // tag::embed[]
    try (Broker broker = Broker.create(BrokerConfig.builder().timeout(Duration.ofSeconds(5))
        .build())) {
      CoreRpc.install(broker.handle()); // the .broker RPC peer (optional)
      RpcClient calc = RpcClient.start(broker.handle().register("svc.calc"), new Calculator());
      try (BrokerServer server = BrokerServer.start(broker.handle(),
          List.of(BindAddress.parse(socket)))) {
        BusClient worker = broker.handle().register("app.worker"); // an in-process client
        worker.subscribe("jobs/#", Qos.PROCESSED).check();
        BusClient dispatcher = broker.handle().register("app.dispatcher");
        dispatcher.publish("jobs/resize", "photo-1".getBytes(UTF_8), Qos.PROCESSED).check();
        Frame job = worker.receive(Duration.ofSeconds(5)); // fine on a virtual thread, too
        System.out.println("app.worker got " + job.topic() + ": "
            + new String(job.payload(), UTF_8));
        System.out.println("listening on " + socket);
        waitForEndOfInput();
      } // the socket file is removed here
      calc.close();
    } // every client is disconnected here
    // end::embed[]
  }

  /** {@code add}: {@code {"a": n, "b": m}} → {@code {"sum": n + m}}. */
  static final class Calculator implements RpcHandler {
    @Override
    public byte[] onCall(RpcEvent call) throws RpcException {
      if (!call.method().equals("add")) {
        throw new RpcException(RpcException.METHOD_NOT_FOUND);
      }
      Map<String, Object> p = call.params();
      if (!(p.get("a") instanceof Long a) || !(p.get("b") instanceof Long b)) {
        throw new RpcException(RpcException.INVALID_PARAMS);
      }
      return MsgPack.encode(Map.of("sum", a + b));
    }
  }

  private static void waitForEndOfInput() throws IOException {
    while (System.in.read() >= 0) {
      // serve until the input closes
    }
  }
}

package org.loombus.examples.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.loombus.client.BusClients;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;

/**
 * Three socket clients of one bus: {@code example.sub} subscribes to {@code news/#} and receives
 * what {@code example.pub} publishes; {@code example.shout} serves the RPC method {@code upper},
 * which {@code example.pub} calls; and the broker's own {@code .broker} answers {@code test}.
 *
 * <p>Usage: {@code SocketClientExample ADDRESS}, a Unix socket path or {@code host:port}.
 */
public final class SocketClientExample {
  private SocketClientExample() {}

  /**
   * @param args the broker's address
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    String address = args.length > 0 ? args[0] : "/tmp/loombus.sock";
    Duration wait = Duration.ofSeconds(5);
    // tag::pubsub[]
    ClientConfig config = ClientConfig.builder(address, "example.sub") // or "127.0.0.1:9924"
        .timeout(Duration.ofSeconds(1)).build(); // pings every timeout/2; keep it <= the broker's T
    try (BusClient sub = BusClients.connect(config);
        BusClient pub = BusClients.connect(config.toBuilder().name("example.pub").build())) {
      sub.subscribe("news/#", Qos.PROCESSED).check(); // throws BusException unless the ACK is 01
      pub.publish("news/today", "hello".getBytes(UTF_8), Qos.PROCESSED).check();
      Frame f = sub.receive(wait); // null on timeout
      System.out.println(f.sender() + " on " + f.topic() + ": " + new String(f.payload(), UTF_8));
      // end::pubsub[]
      // tag::rpc[]
      try (RpcClient shout = RpcClient.start(
              BusClients.connect(config.toBuilder().name("example.shout").build()), new Upper());
          RpcClient caller = RpcClient.start(pub, new RpcHandler() {})) {
        Object reply = caller.call("example.shout", "upper", Map.of("text", "quiet"), wait);
        System.out.println("example.shout answered " + reply);
        System.out.println(".broker answered " + caller.call(".broker", "test", Map.of(), wait));
      }
      // end::rpc[]
    }
  }

  /** {@code upper}: {@code {"text": s}} → {@code {"text": S}}. */
  static final class Upper implements RpcHandler {
    @Override
    public byte[] onCall(RpcEvent call) throws RpcException {
      if (!call.method().equals("upper")) {
        throw new RpcException(RpcException.METHOD_NOT_FOUND);
      }
      if (!(call.params().get("text") instanceof String text)) {
        throw new RpcException(RpcException.INVALID_PARAMS);
      }
      return MsgPack.encode(Map.of("text", text.toUpperCase(Locale.ROOT)));
    }
  }
}

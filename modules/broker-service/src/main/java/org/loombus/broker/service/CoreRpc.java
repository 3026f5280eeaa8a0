package org.loombus.broker.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.RemoteClient;
import org.loombus.broker.RemoteStatistics;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;

/**
 * The broker's own RPC peer {@code .broker} (docs/protocol.md §5): {@code test}, {@code info},
 * {@code stats}, {@code client.list} and {@code benchmark.test}, with the exact MessagePack
 * shapes and key orders of the reference. An embedder may add methods. Which thread answers
 * which method, and how many calls may wait, is {@link CoreRpcDispatch}'s.
 */
public final class CoreRpc implements RpcHandler {
  /** Reported by {@code info}. */
  public static final String AUTHOR = "Loombus";
  private final BrokerHandle broker;
  private final Map<String, RpcMethod> extra;
  private final String version;

  /** A method added by the embedder. */
  @FunctionalInterface
  public interface RpcMethod {
    /**
     * @param call the request
     * @return the result payload
     * @throws RpcException to answer an error
     */
    byte[] call(RpcEvent call) throws RpcException;
  }

  private CoreRpc(BrokerHandle broker, Map<String, RpcMethod> extra) {
    this.broker = broker;
    this.extra = Map.copyOf(extra);
    this.version = CoreRpc.class.getModule().getDescriptor() != null
        ? CoreRpc.class.getModule().getDescriptor().rawVersion().orElse("0.1.0")
        : "0.1.0";
  }

  /**
   * Makes {@code .broker} answer the core methods.
   *
   * @param broker the broker
   */
  public static void install(BrokerHandle broker) {
    install(broker, Map.of());
  }

  /**
   * Makes {@code .broker} answer the core methods and the embedder's own; a core name cannot be
   * replaced.
   *
   * @param broker the broker
   * @param methods additional methods by name
   */
  public static void install(BrokerHandle broker, Map<String, RpcMethod> methods) {
    broker.setCoreHandler(new CoreRpcDispatch(new CoreRpc(broker, methods)));
  }

  @Override
  public byte[] onCall(RpcEvent call) throws RpcException {
    return switch (call.method()) {
      case "benchmark.test" -> call.payload();
      case "test" -> noParams(call, Map.of("ok", true));
      case "info" -> noParams(call, ordered("author", AUTHOR, "version", version));
      case "stats" -> noParams(call, stats());
      case "client.list" -> clientList(call);
      default -> {
        RpcMethod m = extra.get(call.method());
        if (m == null) {
          throw new RpcException(RpcException.METHOD_NOT_FOUND);
        }
        yield m.call(call);
      }
    };
  }

  private static byte[] noParams(RpcEvent call, Map<String, Object> result) throws RpcException {
    if (call.payload().length != 0) {
      throw new RpcException(RpcException.INVALID_PARAMS);
    }
    return MsgPack.encode(result);
  }

  private Map<String, Object> stats() {
    BrokerStatistics s = broker.statistics();
    Map<String, Object> stats = ordered("uptime", s.uptime().toSeconds(), "r_frames", s.rFrames(),
        "r_bytes", s.rBytes(), "w_frames", s.wFrames(), "w_bytes", s.wBytes());
    // A federated broker adds its link's counters under a key of its own (docs/federation.md).
    broker.remoteStatistics().ifPresent(f -> stats.put("federation", federation(f)));
    return stats;
  }

  private static Map<String, Object> federation(RemoteStatistics f) {
    return ordered("node", f.node(), "connected", f.connected(), "server", f.server(),
        "reconnects", f.reconnects(), "frames_out", f.framesOut(), "frames_in", f.framesIn(),
        "remote_deliveries", f.remoteDeliveries(), "errors", f.errors(), "nodes", f.nodes(),
        "remote_clients", f.remoteClients());
  }

  private byte[] clientList(RpcEvent call) throws RpcException {
    NameFilter filter = filter(call.payload());
    List<Map<String, Object>> clients = new ArrayList<>();
    for (ClientInfo c : broker.clients()) {
      if (filter == null || matches(filter, c.name())) {
        clients.add(ordered("name", c.name(), "kind", c.kind().wireName(), "source", c.source(),
            "port", c.port(), "r_frames", c.rFrames(), "r_bytes", c.rBytes(),
            "w_frames", c.wFrames(), "w_bytes", c.wBytes(), "queue", c.queue(),
            "instances", c.instances()));
      }
    }
    List<RemoteClient> remote = broker.remoteClients();
    if (!remote.isEmpty()) {
      // Clients of other nodes: their counters stay on their node; "node" says which one.
      for (RemoteClient c : remote) {
        if (filter == null || matches(filter, c.name())) {
          clients.add(ordered("name", c.name(), "kind", c.kind().wireName(), "source", null,
              "port", null, "r_frames", 0, "r_bytes", 0, "w_frames", 0, "w_bytes", 0,
              "queue", 0, "instances", c.instances(), "node", c.node()));
        }
      }
      clients.sort(Comparator.comparing(m -> ((String) m.get("name")).getBytes(
          StandardCharsets.UTF_8), Arrays::compareUnsigned));
    }
    return MsgPack.encode(Map.of("clients", clients));
  }

  private static boolean matches(NameFilter filter, String name) throws RpcException {
    try {
      return filter.matches(name);
    } catch (NameFilter.TooComplex e) {
      throw new RpcException(RpcException.PARSE, "invalid filter: " + e.getMessage());
    }
  }

  /** Params: empty, a map {@code {"filter": str|nil}}, or a one-element array {@code [str]}. */
  private static NameFilter filter(byte[] params) throws RpcException {
    if (params.length == 0) {
      return null;
    }
    Object filter;
    try {
      Object v = MsgPack.decode(params);
      if (v instanceof Map<?, ?> m) {
        filter = m.get("filter");
      } else if (v instanceof List<?> l && l.size() == 1) {
        filter = l.get(0);
      } else {
        throw new IllegalArgumentException("expected a map with an optional \"filter\"");
      }
      if (filter != null && !(filter instanceof String)) {
        throw new IllegalArgumentException("\"filter\" must be a string or nil");
      }
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcException.PARSE, e.getMessage());
    }
    try {
      return filter == null ? null : new NameFilter((String) filter);
    } catch (RegexParser.SyntaxException e) {
      throw new RpcException(RpcException.PARSE, "invalid filter: " + e.getMessage());
    }
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}

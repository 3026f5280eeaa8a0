package org.loombus.broker.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Broker;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.rpc.MsgPack;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;
import org.loombus.rpc.RpcPayload;

/** The {@code .broker} methods as an {@link RpcClient} of an embedded broker sees them. */
class CoreRpcTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private Broker broker;
  private RpcClient c;

  @BeforeEach
  void start() {
    broker = Broker.create();
    CoreRpc.install(broker.handle());
    c = RpcClient.start(broker.handle().register("c"), new RpcHandler() {});
  }

  @AfterEach
  void stop() {
    c.close();
    broker.close();
  }

  @Test
  void testInfoAndStats() throws Exception {
    assertEquals(Map.of("ok", true), c.call(".broker", "test", Map.of(), WAIT));
    Map<?, ?> info = assertInstanceOf(Map.class, c.call(".broker", "info", Map.of(), WAIT));
    assertEquals(List.of("author", "version"), new ArrayList<>(info.keySet()));
    assertEquals(CoreRpc.AUTHOR, info.get("author"));
    assertFalse(((String) info.get("version")).isEmpty());
    Map<?, ?> stats = assertInstanceOf(Map.class, c.call(".broker", "stats", Map.of(), WAIT));
    assertEquals(List.of("uptime", "r_frames", "r_bytes", "w_frames", "w_bytes"),
        new ArrayList<>(stats.keySet()));
    assertTrue((Long) stats.get("r_frames") >= 3, "the three calls were read: " + stats);
    RpcException e = assertThrows(RpcException.class,
        () -> c.call(".broker", "test", Map.of("x", 1), WAIT));
    assertEquals(RpcException.INVALID_PARAMS, e.code());
  }

  @Test
  void clientListWithFilter() throws Exception {
    BusClient alpha = broker.handle().register("alpha");
    alpha.registerSecondary();
    broker.handle().register("beta");
    assertEquals(List.of(".broker", "alpha", "beta", "c"), names(Map.of()));
    assertEquals(List.of("alpha", "beta"), names(Map.of("filter", "a$")));

    Map<?, ?> list = assertInstanceOf(Map.class,
        c.call(".broker", "client.list", Map.of("filter", "^al"), WAIT));
    List<?> clients = assertInstanceOf(List.class, list.get("clients"));
    assertEquals(1, clients.size());
    Map<?, ?> entry = assertInstanceOf(Map.class, clients.get(0));
    assertEquals(List.of("name", "kind", "source", "port", "r_frames", "r_bytes", "w_frames",
        "w_bytes", "queue", "instances"), new ArrayList<>(entry.keySet()));
    assertEquals("alpha", entry.get("name"));
    assertEquals("internal", entry.get("kind"));
    assertNull(entry.get("source"));
    assertNull(entry.get("port"));
    assertEquals(2L, entry.get("instances"));

    RpcException e = assertThrows(RpcException.class,
        () -> c.call(".broker", "client.list", Map.of("filter", "("), WAIT));
    assertEquals(RpcException.PARSE, e.code());
    assertTrue(e.data().length > 0, "a bad regex is explained");
  }

  @Test
  void benchmarkEchoesAndUnknownMethodsFail() throws Exception {
    assertArrayEquals(hex("00 C1 FF"), c.call(".broker", "benchmark.test", hex("00 C1 FF"), WAIT));
    RpcException e = assertThrows(RpcException.class,
        () -> c.call(".broker", "my.method", new byte[0], WAIT));
    assertEquals(RpcException.METHOD_NOT_FOUND, e.code());
  }

  @Test
  void embedderMethodsAreAddedButCannotReplaceCoreOnes() throws Exception {
    CoreRpc.install(broker.handle(), Map.of(
        "my.method", call -> MsgPack.encode(Map.of("got", call.params().get("x"),
            "from", call.sender())),
        "my.fail", call -> {
          throw new RpcException(-1000, "refused");
        },
        "test", call -> MsgPack.encode("replaced")));
    assertEquals(Map.of("got", 7L, "from", "c"),
        c.call(".broker", "my.method", Map.of("x", 7), WAIT));
    RpcException e = assertThrows(RpcException.class,
        () -> c.call(".broker", "my.fail", new byte[0], WAIT));
    assertEquals(-1000, e.code());
    assertEquals(Map.of("ok", true), c.call(".broker", "test", Map.of(), WAIT));
  }

  @Test
  void call0AndNotificationsGetNoReply() throws Exception {
    BusClient plain = broker.handle().register("plain");
    assertEquals(ResultCode.OK, plain.send(".broker",
        new RpcPayload.Request(0, "test".getBytes(StandardCharsets.UTF_8), new byte[0]).encode(), Qos.PROCESSED)
        .await());
    assertEquals(ResultCode.OK, plain.send(".broker", hex("00 68 69"), Qos.PROCESSED).await());
    assertNull(plain.receive(Duration.ofMillis(200)));
  }

  private List<String> names(Map<String, ?> params) throws Exception {
    Map<?, ?> list = (Map<?, ?>) c.call(".broker", "client.list", params, WAIT);
    return ((List<?>) list.get("clients")).stream()
        .map(e -> (String) ((Map<?, ?>) e).get("name")).toList();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }
}

package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Broker;

class CursorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private Broker broker;
  private Cursors cursors;
  private RpcClient server;
  private RpcClient client;

  @BeforeEach
  void start() {
    broker = Broker.create();
    cursors = new Cursors(Duration.ofSeconds(30));
    server = RpcClient.start(broker.handle().register("db"), new RpcHandler() {
      @Override
      public byte[] onCall(RpcEvent call) throws RpcException {
        return switch (call.method()) {
          case "Ccustomers" -> cursors.open(IntStream.range(0, 10_000)
              .mapToObj(i -> Map.of("id", i, "name", "customer " + i)).iterator());
          case "N" -> cursors.next(call);
          case "NB" -> cursors.nextBulk(call);
          default -> throw new RpcException(RpcException.METHOD_NOT_FOUND);
        };
      }
    });
    client = RpcClient.start(broker.handle().register("app"), new RpcHandler() {});
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    broker.close();
  }

  @Test
  @DisplayName("a cursor streams 10,000 records in bulks of 100, in order, then reports the end")
  void streamsInPieces() throws Exception {
    RemoteCursor cursor =
        RemoteCursor.open(client, "db", "Ccustomers", Map.of(), "NB", 100, TIMEOUT);
    List<Object> got = new ArrayList<>();
    cursor.forEachRemaining(got::add);
    assertEquals(10_000, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(Map.of("id", (long) i, "name", "customer " + i), got.get(i));
    }
    cursors.clean();
    assertEquals(0, cursors.size(), "a finished cursor is removed by the cleaner");
  }

  @Test
  @DisplayName("N returns one record per call and an empty reply at the end")
  void singleRecords() throws Exception {
    Object handle = client.call("db", "Ccustomers", Map.of(), TIMEOUT);
    Object u = ((Map<?, ?>) handle).get("u");
    byte[] first = client.call("db", "N", MsgPack.encode(Map.of("u", u)), TIMEOUT);
    assertEquals(Map.of("id", 0L, "name", "customer 0"), MsgPack.decode(first));
  }

  @Test
  @DisplayName("an unknown cursor answers -32001 not found")
  void unknownCursor() {
    RpcException e = assertThrows(RpcException.class, () -> client.call("db", "N",
        MsgPack.encode(Map.of("u", new byte[16])), TIMEOUT));
    assertEquals(RpcException.NOT_FOUND, e.code());
  }
}

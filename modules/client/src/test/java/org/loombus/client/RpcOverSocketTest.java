package org.loombus.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;
import org.loombus.testkit.TestBroker;

/** RpcClient over socket clients: the failure modes a call can meet on a real connection. */
class RpcOverSocketTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private TestBroker broker;
  private RpcClient service;
  private RpcClient caller;
  private final CountDownLatch slowCallStarted = new CountDownLatch(1);

  private RpcClient connect(String name, RpcHandler handler) {
    return RpcClient.start(
        BusClients.connect(ClientConfig.builder(broker.socketPath().toString(), name).build()),
        handler);
  }

  @BeforeEach
  void start() {
    broker = TestBroker.start();
    service = connect("svc", new RpcHandler() {
      @Override
      public byte[] onCall(RpcEvent call) throws RpcException {
        return switch (call.method()) {
          case "echo" -> call.payload();
          case "fail" -> throw new RpcException(-777, "custom failure");
          case "boom" -> throw new IllegalStateException("handler broke");
          case "slow" -> {
            slowCallStarted.countDown();
            try {
              Thread.sleep(10_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            yield new byte[0];
          }
          default -> throw new RpcException(RpcException.METHOD_NOT_FOUND);
        };
      }
    });
    caller = connect("app", new RpcHandler() {});
  }

  @AfterEach
  void stop() {
    caller.close();
    service.close();
    broker.close();
  }

  @Test
  @DisplayName("a call over sockets returns the callee's result; MessagePack params round-trip")
  void roundTrip() throws Exception {
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8),
        caller.call("svc", "echo", "hi".getBytes(StandardCharsets.UTF_8), TIMEOUT));
    assertEquals(Map.of("a", 1L, "s", "x"),
        caller.call("svc", "echo", Map.of("a", 1, "s", "x"), TIMEOUT));
  }

  @Test
  @DisplayName("an unknown method fails with -32601")
  void unknownMethod() {
    assertEquals(RpcException.METHOD_NOT_FOUND, assertThrows(RpcException.class,
        () -> caller.call("svc", "nope", new byte[0], TIMEOUT)).code());
  }

  @Test
  @DisplayName("a handler's RpcException arrives with its code and message; other exceptions as -32603")
  void handlerErrors() {
    RpcException custom = assertThrows(RpcException.class,
        () -> caller.call("svc", "fail", new byte[0], TIMEOUT));
    assertEquals(-777, custom.code());
    assertEquals("custom failure", new String(custom.data(), StandardCharsets.UTF_8));
    RpcException internal = assertThrows(RpcException.class,
        () -> caller.call("svc", "boom", new byte[0], TIMEOUT));
    assertEquals(RpcException.INTERNAL, internal.code());
    assertEquals("handler broke", new String(internal.data(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("a call to an absent client fails at once with -32113 (bus ACK 71)")
  void absentTarget() {
    assertEquals(-32113, assertThrows(RpcException.class,
        () -> caller.call("nobody", "echo", new byte[0], TIMEOUT)).code());
  }

  @Test
  @DisplayName("a call whose reply does not come in time fails with -32120")
  void timeout() {
    assertEquals(-32120, assertThrows(RpcException.class,
        () -> caller.call("svc", "slow", new byte[0], Duration.ofMillis(300))).code());
  }

  @Test
  @DisplayName("when the caller's connection breaks during a call, the call fails with -32115")
  void brokenConnection() throws Exception {
    Thread breaker = Thread.ofVirtual().start(() -> {
      try {
        assertTrue(slowCallStarted.await(5, TimeUnit.SECONDS));
        broker.handle().forceDisconnect("app");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    long start = System.nanoTime();
    RpcException e = assertThrows(RpcException.class,
        () -> caller.call("svc", "slow", new byte[0], Duration.ofSeconds(20)));
    assertEquals(-32115, e.code());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(9).toNanos(),
        "the call must fail when the connection breaks, not when the handler ends");
    breaker.join();
  }
}

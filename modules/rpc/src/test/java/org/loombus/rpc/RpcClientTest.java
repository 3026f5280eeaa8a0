package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.rpc.RpcPayloadTest.hex;
import static org.loombus.rpc.RpcPayloadTest.utf8;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Broker;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/** {@link RpcClient} between in-process clients of a real broker. */
class RpcClientTest {
  private static final Duration LONG = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(200);
  private Broker broker;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final Callee callee = new Callee();
  /** Lets methods that block go; released after every test so no handler thread lingers. */
  private final CountDownLatch release = new CountDownLatch(1);

  /** Serves "b" and records what arrives. */
  private final class Callee implements RpcHandler {
    final LinkedBlockingQueue<RpcEvent> calls = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<RpcEvent> notifications = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch gathering = new CountDownLatch(0);

    @Override
    public byte[] onCall(RpcEvent call) throws RpcException {
      calls.add(call);
      return switch (call.method()) {
        case "echo" -> call.payload();
        case "whoami" -> MsgPack.encode(Map.of("sender", call.sender(), "rt", call.realtime()));
        case "double" -> MsgPack.encode(Map.of("x", 2 * (Long) call.params().get("x")));
        case "fail" -> throw new RpcException(-777, "custom failure");
        case "crash" -> throw new IllegalStateException("boom");
        case "block" -> {
          entered.countDown();
          awaitQuietly(release);
          yield new byte[0];
        }
        case "gather" -> {
          // Every call waits here until all have arrived: only concurrent handlers get through.
          gathering.countDown();
          if (!awaitQuietly(gathering)) {
            throw new RpcException(-1, "calls were not served concurrently");
          }
          yield call.payload();
        }
        default -> throw new RpcException(RpcException.METHOD_NOT_FOUND);
      };
    }

    @Override
    public void onNotification(RpcEvent notification) {
      notifications.add(notification);
    }

    @Override
    public void onFrame(Frame frame) {
      frames.add(frame);
    }
  }

  @BeforeEach
  void start() {
    broker = Broker.create();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (AutoCloseable c : open) {
      c.close();
    }
    broker.close();
  }

  private RpcClient rpc(String name, RpcHandler handler) {
    RpcClient c = RpcClient.start(broker.handle().register(name), handler);
    open.add(c);
    return c;
  }

  private BusClient raw(String name) {
    BusClient c = broker.handle().register(name);
    open.add(c);
    return c;
  }

  @Test
  void callReturnsTheResultBothWays() throws Exception {
    RpcClient a = rpc("a", callee);
    RpcClient b = rpc("b", callee);
    assertArrayEquals(hex("00 01 FF"), a.call("b", "echo", hex("00 01 FF"), LONG));
    assertArrayEquals(new byte[0], a.call("b", "echo", new byte[0], LONG));
    assertArrayEquals(utf8("back"), b.call("a", "echo", utf8("back"), LONG));
    assertEquals(Map.of("x", 42L), a.call("b", "double", Map.of("x", 21), LONG));
    assertEquals(Map.of("sender", "a", "rt", false), a.call("b", "whoami", Map.of(), LONG));
    assertEquals(Map.of("sender", "b", "rt", true), MsgPack.decode(
        b.call("b", "whoami", new byte[0], Qos.REALTIME_PROCESSED, LONG)));
  }

  @Test
  void notifyAndCall0RunTheHandlerWithoutReply() throws Exception {
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    assertEquals(ResultCode.OK, a.notify("b", utf8("hello"), Qos.PROCESSED).await());
    RpcEvent n = callee.notifications.poll(10, TimeUnit.SECONDS);
    assertNotNull(n);
    assertEquals("a", n.sender());
    assertEquals("", n.method());
    assertEquals("hello", n.text());

    assertEquals(ResultCode.OK, a.call0("b", "echo", utf8("p"), Qos.PROCESSED).await());
    RpcEvent c = callee.calls.poll(10, TimeUnit.SECONDS);
    assertNotNull(c);
    assertEquals("echo", c.method());
    assertEquals("p", c.text());

    // The same request from a plain bus client: id 0 gets no reply, id 5 gets one.
    BusClient plain = raw("plain");
    plain.send("b", new RpcPayload.Request(0, utf8("echo"), utf8("q")).encode(), Qos.PROCESSED);
    assertEquals("q", callee.calls.poll(10, TimeUnit.SECONDS).text());
    assertNull(plain.receive(QUIET));
    plain.send("b", new RpcPayload.Request(5, utf8("echo"), utf8("r")).encode(), Qos.PROCESSED);
    Frame reply = plain.receive(LONG);
    assertNotNull(reply);
    assertArrayEquals(hex("11 05 00 00 00 72"), reply.payload());
  }

  @Test
  void framesThatAreNotRpcGoToOnFrame() throws Exception {
    RpcClient a = rpc("a", callee);
    RpcClient b = rpc("b", callee);
    assertEquals(ResultCode.OK, b.bus().subscribe("news/#", Qos.PROCESSED).await());
    a.bus().publish("news/1", hex("01 07 00 00 00 6D 00"), Qos.PROCESSED);
    a.bus().send("b", hex("FF 01"), Qos.PROCESSED);
    a.bus().send("b", new byte[0], Qos.PROCESSED);
    Frame pub = callee.frames.poll(10, TimeUnit.SECONDS);
    assertNotNull(pub);
    assertEquals(FrameKind.PUBLICATION, pub.kind());
    assertEquals("news/1", pub.topic());
    assertArrayEquals(hex("FF 01"), callee.frames.poll(10, TimeUnit.SECONDS).payload());
    assertEquals(0, callee.frames.poll(10, TimeUnit.SECONDS).payloadLength());
    assertTrue(callee.calls.isEmpty(), "a publication that looks like a request is not a call");
  }

  @Test
  void unknownMethod() {
    RpcClient a = rpc("a", callee);
    rpc("b", new RpcHandler() {});
    RpcException e = assertThrows(RpcException.class, () -> a.call("b", "nope", new byte[0], LONG));
    assertEquals(RpcException.METHOD_NOT_FOUND, e.code());
    assertArrayEquals(new byte[0], e.data());
  }

  @Test
  void handlerErrorsArriveWithTheirCodeAndMessage() {
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    RpcException custom = assertThrows(RpcException.class,
        () -> a.call("b", "fail", new byte[0], LONG));
    assertEquals(-777, custom.code());
    assertArrayEquals(utf8("custom failure"), custom.data());

    RpcException internal = assertThrows(RpcException.class,
        () -> a.call("b", "crash", new byte[0], LONG));
    assertEquals(RpcException.INTERNAL, internal.code());
    assertArrayEquals(utf8("boom"), internal.data());

    RpcException parse = assertThrows(RpcException.class,
        () -> a.call("b", "double", hex("C1"), LONG));
    assertEquals(RpcException.PARSE, parse.code());
  }

  @Test
  void methodNameThatIsNotUtf8GetsDataError() throws Exception {
    rpc("b", callee);
    BusClient plain = raw("plain");
    plain.send("b", hex("01 03 00 00 00 FF 00"), Qos.PROCESSED);
    Frame reply = plain.receive(LONG);
    assertNotNull(reply);
    RpcPayload.Error e = assertInstanceOf(RpcPayload.Error.class,
        RpcPayload.parse(reply.payload()));
    assertEquals(3, e.id());
    assertEquals(-32114, e.code());
  }

  @Test
  void absentTargetFailsWithNotRegistered() {
    RpcClient a = rpc("a", callee);
    RpcException e = assertThrows(RpcException.class,
        () -> a.call("nobody", "echo", new byte[0], LONG));
    assertEquals(-32113, e.code());
  }

  @Test
  void slowHandlerTimesOut() throws Exception {
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    RpcException e = assertThrows(RpcException.class,
        () -> a.call("b", "block", new byte[0], Duration.ofMillis(200)));
    assertEquals(-32120, e.code());
    assertTrue(callee.entered.await(10, TimeUnit.SECONDS), "the call did reach the handler");
  }

  @Test
  void calleeLeavingMidCallFailsTheCallInsteadOfHanging() throws Exception {
    RpcClient a = rpc("a", callee);
    RpcClient b = rpc("b", callee);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<byte[]> call = pool.submit(() -> a.call("b", "block", new byte[0],
          Duration.ofSeconds(1)));
      assertTrue(callee.entered.await(10, TimeUnit.SECONDS));
      b.bus().close();
      release.countDown(); // the handler's reply now finds its client closed
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> call.get(10, TimeUnit.SECONDS));
      assertEquals(-32120, assertInstanceOf(RpcException.class, e.getCause()).code());
    }
  }

  @Test
  void closingTheCallersClientFailsItsPendingCall() throws Exception {
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<byte[]> call = pool.submit(() -> a.call("b", "block", new byte[0], LONG));
      assertTrue(callee.entered.await(10, TimeUnit.SECONDS));
      a.bus().close(); // the dispatcher sees the client end
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> call.get(5, TimeUnit.SECONDS));
      assertEquals(-32115, assertInstanceOf(RpcException.class, e.getCause()).code());
    }
    RpcException after = assertThrows(RpcException.class,
        () -> a.call("b", "echo", new byte[0], LONG));
    assertEquals(-32115, after.code());
  }

  @Test
  void closingTheRpcClientFailsItsPendingCall() throws Exception {
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<byte[]> call = pool.submit(() -> a.call("b", "block", new byte[0], LONG));
      assertTrue(callee.entered.await(10, TimeUnit.SECONDS));
      a.close();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> call.get(5, TimeUnit.SECONDS));
      assertEquals(-32115, assertInstanceOf(RpcException.class, e.getCause()).code());
    }
  }

  @Test
  void concurrentCallsOnOneClientDoNotBlockEachOther() throws Exception {
    int n = 100;
    callee.gathering = new CountDownLatch(n);
    RpcClient a = rpc("a", callee);
    rpc("b", callee);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<byte[]>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] params = utf8("call " + i);
        calls.add(pool.submit(() -> a.call("b", "gather", params, Duration.ofSeconds(20))));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      for (int i = 0; i < n; i++) {
        long left = Math.max(0, deadline - System.nanoTime());
        // Each caller gets its own result back, not another's.
        assertArrayEquals(utf8("call " + i), calls.get(i).get(left, TimeUnit.NANOSECONDS));
      }
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

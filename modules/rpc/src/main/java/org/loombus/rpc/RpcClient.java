package org.loombus.rpc;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/**
 * RPC over any bus client, in-process or socket (docs/protocol.md §4). Replies complete the
 * matching call and requests start their handler thread right where the bus client delivers them
 * (its {@link BusClient#intercept interceptor}), so a call costs no thread hand-off beyond waking
 * its caller; notifications and other frames go through the bus client's queue to one dispatcher
 * thread, which hands them to the {@link RpcHandler} in arrival order. Any number of threads may
 * call at once; a call blocks only its caller.
 */
public final class RpcClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.loombus.rpc");
  private final BusClient bus;
  private final RpcHandler handler;
  private final Executor calls;
  private final AtomicInteger ids = new AtomicInteger();
  private final ConcurrentHashMap<Integer, CompletableFuture<byte[]>> pending =
      new ConcurrentHashMap<>();

  private RpcClient(BusClient bus, RpcHandler handler, Executor calls) {
    this.bus = bus;
    this.handler = handler;
    this.calls = calls;
  }

  /**
   * Starts serving {@code bus}; each call's handler runs on a virtual thread of its own.
   *
   * @param bus a connected bus client; the RPC client takes over its {@code receive}
   * @param handler serves incoming calls, notifications and frames
   * @return the running RPC client
   */
  public static RpcClient start(BusClient bus, RpcHandler handler) {
    ThreadFactory threads = Thread.ofVirtual().name("loombus-rpc-", 0).factory();
    return start(bus, handler, task -> threads.newThread(task).start());
  }

  /**
   * @param bus a connected bus client; the RPC client takes over its {@code receive}
   * @param handler serves incoming traffic
   * @param calls runs each incoming call's handler; {@code Runnable::run} runs it on the thread
   *     that delivers the request (a socket client's I/O thread), which suits only handlers that
   *     answer at once and never wait
   * @return the running RPC client
   */
  public static RpcClient start(BusClient bus, RpcHandler handler, Executor calls) {
    RpcClient c = new RpcClient(bus, handler, calls);
    bus.intercept(c::intercept);
    Thread.ofVirtual().name("loombus-rpc-dispatcher").start(c::dispatch);
    return c;
  }

  /** @return the underlying bus client */
  public BusClient bus() {
    return bus;
  }

  /**
   * Sends a notification.
   *
   * @param target receiver
   * @param data opaque data
   * @param qos QoS
   * @return the bus confirmation
   */
  public Confirmation notify(String target, byte[] data, Qos qos) {
    return bus.send(target, new RpcPayload.Notification(data).encode(), qos);
  }

  /**
   * Calls a method without asking for a reply (call id 0).
   *
   * @param target receiver
   * @param method method name
   * @param params opaque params
   * @param qos QoS
   * @return the bus confirmation
   */
  public Confirmation call0(String target, String method, byte[] params, Qos qos) {
    return bus.send(target, request(0, method, params), qos);
  }

  /**
   * Calls a method with QoS {@link Qos#PROCESSED} and waits for its result.
   *
   * @param target receiver
   * @param method method name
   * @param params opaque params
   * @param timeout how long to wait for the acknowledgement and the reply together
   * @return the result payload
   * @throws RpcException the callee's error; {@code -32000 - code} if the bus refused the request
   *     (e.g. -32113 for an absent target); -32120 on timeout; -32115 if the connection ended
   * @throws InterruptedException if interrupted while waiting
   */
  public byte[] call(String target, String method, byte[] params, Duration timeout)
      throws RpcException, InterruptedException {
    return call(target, method, params, Qos.PROCESSED, timeout);
  }

  /**
   * Calls a method and waits for its result.
   *
   * @param target receiver
   * @param method method name
   * @param params opaque params
   * @param qos QoS of the request; real-time requests get real-time replies
   * @param timeout how long to wait for the acknowledgement and the reply together
   * @return the result payload
   * @throws RpcException as for {@link #call(String, String, byte[], Duration)}
   * @throws InterruptedException if interrupted while waiting
   */
  public byte[] call(String target, String method, byte[] params, Qos qos, Duration timeout)
      throws RpcException, InterruptedException {
    CompletableFuture<byte[]> reply = callAsync(target, method, params, qos);
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      RpcException late = busError(ResultCode.TIMEOUT,
          "no reply from " + target + " within " + timeout);
      reply.completeExceptionally(late); // forgets the call; a reply after this is orphaned
      throw late;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RpcException r) {
        throw r;
      }
      throw new RpcException(RpcException.INTERNAL, String.valueOf(e.getCause()));
    }
  }

  /**
   * Calls a method without waiting: the future completes with the result, or exceptionally with
   * an {@link RpcException} as {@link #call(String, String, byte[], Qos, Duration)} throws it. It
   * completes on the thread that delivers the reply (a socket client's I/O thread), so actions
   * chained to it must be quick; there is no timeout unless the caller adds one (e.g.
   * {@link CompletableFuture#orTimeout}), and completing the future itself forgets the call.
   *
   * @param target receiver
   * @param method method name
   * @param params opaque params
   * @param qos QoS of the request; real-time requests get real-time replies
   * @return the result to come
   */
  public CompletableFuture<byte[]> callAsync(String target, String method, byte[] params,
      Qos qos) {
    int id = nextId();
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    pending.put(id, reply);
    reply.whenComplete((r, e) -> pending.remove(id));
    Confirmation ack;
    try {
      ack = bus.send(target, request(id, method, params), qos);
    } catch (ClientClosedException e) {
      reply.completeExceptionally(busError(ResultCode.IO, e.getMessage()));
      return reply;
    }
    // A refused request (e.g. 71, target absent) ends the call without waiting for a reply.
    ack.whenComplete(code -> {
      if (code == Confirmation.CLOSED_CODE) {
        reply.completeExceptionally(busError(ResultCode.IO, "the connection closed"));
      } else if (code != ResultCode.OK) {
        reply.completeExceptionally(
            busError(code, "the bus refused the call: " + ResultCode.describe(code)));
      }
    });
    return reply;
  }

  /**
   * Calls a method with MessagePack params and decodes the MessagePack result.
   *
   * @param target receiver
   * @param method method name
   * @param params params as a map (empty map sends empty params)
   * @param timeout how long to wait
   * @return the decoded result, or {@code null} for an empty result
   * @throws RpcException as for {@link #call(String, String, byte[], Duration)}, or
   *     {@link RpcException#PARSE} if the result is not MessagePack
   * @throws InterruptedException if interrupted while waiting
   */
  public Object call(String target, String method, Map<String, ?> params, Duration timeout)
      throws RpcException, InterruptedException {
    byte[] result = call(target, method, params.isEmpty() ? new byte[0] : MsgPack.encode(params),
        timeout);
    if (result.length == 0) {
      return null;
    }
    try {
      return MsgPack.decode(result);
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcException.PARSE, e.getMessage());
    }
  }

  private static RpcException busError(int code, String message) {
    return new RpcException(RpcException.BUS_ERROR_BASE - code, message);
  }

  private int nextId() {
    while (true) {
      int id = ids.incrementAndGet();
      if (id != 0) {
        return id;
      }
    }
  }

  private static byte[] request(int id, String method, byte[] params) {
    return new RpcPayload.Request(id, method.getBytes(StandardCharsets.UTF_8), params).encode();
  }

  private void dispatch() {
    try {
      while (true) {
        handle(bus.receive());
      }
    } catch (ClientClosedException e) {
      failPending("the connection closed: " + e.getMessage());
    } catch (InterruptedException e) {
      failPending("the RPC client was interrupted");
    }
  }

  private void failPending(String why) {
    for (CompletableFuture<byte[]> f : pending.values()) {
      f.completeExceptionally(busError(ResultCode.IO, why));
    }
  }

  /**
   * On the delivering thread: takes replies and requests; notifications and other frames are left
   * for the dispatcher, which keeps them in order.
   */
  private boolean intercept(Frame frame) {
    RpcPayload msg = frame.kind() == FrameKind.MESSAGE ? RpcPayload.parse(frame.payload()) : null;
    switch (msg) {
      case RpcPayload.Reply r -> complete(r.id(), r.result(), null);
      case RpcPayload.Error e -> complete(e.id(), null, new RpcException(e.code(), e.data()));
      case RpcPayload.Request r ->
          calls.execute(() -> Responder.respond(bus, handler, frame, r));
      case null, default -> {
        return false;
      }
    }
    return true;
  }

  private void handle(Frame frame) {
    RpcPayload msg = frame.kind() == FrameKind.MESSAGE ? RpcPayload.parse(frame.payload()) : null;
    serveIncoming(bus, handler, frame, msg, Runnable::run);
  }

  /**
   * Requests, notifications and non-RPC frames (replies are the caller's business).
   *
   * @param runRequest how a request is run: on its own thread, or inline
   */
  private static void serveIncoming(BusClient bus, RpcHandler handler, Frame frame,
      RpcPayload msg, java.util.function.Consumer<Runnable> runRequest) {
    switch (msg) {
      case RpcPayload.Request r -> runRequest.accept(() -> Responder.respond(bus, handler, frame, r));
      case RpcPayload.Notification n -> safely(() -> handler.onNotification(
          new RpcEvent(frame.sender(), "", n.data(), frame.isRealtime())));
      case null, default -> safely(() -> handler.onFrame(frame));
    }
  }

  private void complete(int id, byte[] result, RpcException error) {
    CompletableFuture<byte[]> f = pending.get(id);
    if (f == null) {
      LOG.log(Level.DEBUG, "orphaned RPC reply {0}", Integer.toUnsignedString(id));
    } else if (error != null) {
      f.completeExceptionally(error);
    } else {
      f.complete(result);
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "RPC handler failed", e);
    }
  }

  /**
   * Serves one frame of an in-process client registered with a frame handler: a request is
   * answered on the calling (delivering) thread, with no queue and no thread hop. Only for quick
   * methods that never wait on other clients (like the broker's own): an embedder registers
   * {@code (self, frame) -> RpcClient.serveInline(self, handler, frame)}.
   *
   * @param self the client the frame was delivered to, which sends the reply
   * @param handler the methods
   * @param frame the delivered frame
   */
  public static void serveInline(BusClient self, RpcHandler handler, Frame frame) {
    serveIncoming(self, handler, frame,
        frame.kind() == FrameKind.MESSAGE ? RpcPayload.parse(frame.payload()) : null,
        Runnable::run);
  }

  /** Closes the underlying bus client; pending calls fail. */
  @Override
  public void close() {
    bus.close();
    failPending("the RPC client was closed");
  }
}

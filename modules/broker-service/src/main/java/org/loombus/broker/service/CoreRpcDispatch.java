package org.loombus.broker.service;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.loombus.broker.FrameHandler;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.ResultCode;
import org.loombus.rpc.RpcClient;
import org.loombus.rpc.RpcEvent;
import org.loombus.rpc.RpcException;
import org.loombus.rpc.RpcHandler;
import org.loombus.rpc.RpcPayload;

/**
 * Hands the frames of {@code .broker} to its methods. The constant-time ones ({@code test},
 * {@code info}, {@code stats}, {@code benchmark.test}) are answered on the delivering thread, as
 * the reference does. {@code client.list} and an embedder's methods, whose cost depends on the
 * bus or on the embedder, run on one platform thread of their own with a bounded queue and at
 * most {@link #PER_CLIENT} calls of one client waiting; beyond either bound the call is answered
 * at once with {@link #BUSY}. So the broker's own service never takes more than that one thread,
 * and never a carrier of the virtual threads that serve the bus, whatever its callers send.
 */
final class CoreRpcDispatch implements FrameHandler {
  /** Calls of one client that may wait for the worker. */
  static final int PER_CLIENT = 4;
  /** Calls of all clients that may wait for the worker. */
  static final int QUEUE = 256;
  /** The answer to a call beyond those bounds: the bus error of result code 76 (busy). */
  static final int BUSY = RpcException.BUS_ERROR_BASE - ResultCode.BUSY;

  private static final Set<String> INLINE = Set.of("test", "info", "stats", "benchmark.test");
  private static final RpcHandler REFUSE = new RpcHandler() {
    @Override
    public byte[] onCall(RpcEvent call) throws RpcException {
      throw new RpcException(BUSY, "the broker's service is busy with this client's calls");
    }
  };

  private final RpcHandler methods;
  private final ConcurrentHashMap<String, AtomicInteger> waiting = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(QUEUE),
      Thread.ofPlatform().daemon().name("loombus-broker-service").factory());

  CoreRpcDispatch(RpcHandler methods) {
    this.methods = methods;
    worker.allowCoreThreadTimeOut(true); // an idle broker keeps no thread for this
  }

  @Override
  public void onFrame(BusClient self, Frame frame) {
    RpcPayload call = frame.kind() == FrameKind.MESSAGE ? RpcPayload.parse(frame.payload()) : null;
    if (!(call instanceof RpcPayload.Request r) || INLINE.contains(r.methodName())) {
      RpcClient.serveInline(self, methods, frame);
      return;
    }
    String sender = frame.sender();
    AtomicInteger mine = waiting.computeIfAbsent(sender, s -> new AtomicInteger());
    if (mine.incrementAndGet() > PER_CLIENT) {
      done(sender, mine);
      RpcClient.serveInline(self, REFUSE, frame);
      return;
    }
    try {
      worker.execute(() -> {
        try {
          RpcClient.serveInline(self, methods, frame);
        } finally {
          done(sender, mine);
        }
      });
    } catch (RejectedExecutionException full) {
      done(sender, mine);
      RpcClient.serveInline(self, REFUSE, frame);
    }
  }

  private void done(String sender, AtomicInteger mine) {
    if (mine.decrementAndGet() == 0) {
      waiting.remove(sender, mine);
    }
  }
}

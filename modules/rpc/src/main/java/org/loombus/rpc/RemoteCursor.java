package org.loombus.rpc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Client side of cursors (docs/protocol.md §9): iterates a remote result set, fetching {@code
 * bulkSize} records per call of the server's bulk method until a short batch marks the end.
 * Iteration throws {@link RemoteCursorException} if a call fails.
 */
public final class RemoteCursor implements Iterator<Object> {
  private final RpcClient rpc;
  private final String target;
  private final String bulkMethod;
  private final Object id;
  private final int bulkSize;
  private final Duration timeout;
  private final ArrayDeque<Object> buffered = new ArrayDeque<>();
  private boolean exhausted;

  /** A call made while iterating failed. */
  public static final class RemoteCursorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteCursorException(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  private RemoteCursor(RpcClient rpc, String target, String bulkMethod, Object id, int bulkSize,
      Duration timeout) {
    this.rpc = rpc;
    this.target = target;
    this.bulkMethod = bulkMethod;
    this.id = id;
    this.bulkSize = bulkSize;
    this.timeout = timeout;
  }

  /**
   * Calls {@code openMethod} (which answers a cursor handle {@code {"u": uuid}}) and returns an
   * iterator over the records.
   *
   * @param rpc the RPC client
   * @param target the server
   * @param openMethod method that creates the cursor
   * @param params its params
   * @param bulkMethod method answering an array of up to {@code n} records for {@code {"u","n"}}
   * @param bulkSize records per call
   * @param timeout per call
   * @return the cursor
   * @throws RpcException if the open call fails or answers no handle
   * @throws InterruptedException if interrupted
   */
  public static RemoteCursor open(RpcClient rpc, String target, String openMethod,
      Map<String, ?> params, String bulkMethod, int bulkSize, Duration timeout)
      throws RpcException, InterruptedException {
    Object handle = rpc.call(target, openMethod, params, timeout);
    if (!(handle instanceof Map<?, ?> m) || m.get("u") == null) {
      throw new RpcException(RpcException.PARSE, "the open call answered no cursor handle");
    }
    return new RemoteCursor(rpc, target, bulkMethod, m.get("u"), bulkSize, timeout);
  }

  @Override
  public boolean hasNext() {
    if (buffered.isEmpty() && !exhausted) {
      fetch();
    }
    return !buffered.isEmpty();
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffered.pollFirst();
  }

  private void fetch() {
    try {
      Object batch = rpc.call(target, bulkMethod, Map.of("u", id, "n", bulkSize), timeout);
      List<?> records = batch instanceof List<?> l ? l : List.of();
      buffered.addAll(records);
      exhausted = records.size() < bulkSize;
    } catch (RpcException e) {
      throw new RemoteCursorException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteCursorException(e);
    }
  }
}

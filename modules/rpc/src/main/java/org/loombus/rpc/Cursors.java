package org.loombus.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Server side of cursors (docs/protocol.md §9): results streamed to a caller in pieces over
 * ordinary calls. A method creates a cursor with {@link #open} and returns its handle {@code {"u":
 * uuid}}; the caller then calls the server's "next" methods, which delegate to {@link #next} (one
 * record, or an empty reply at the end) and {@link #nextBulk} (an array of up to {@code n}
 * records). Unknown or removed cursors answer {@link RpcException#NOT_FOUND}. Cursors idle longer
 * than the TTL, and finished ones, are removed by {@link #clean()}, which the server calls
 * periodically.
 */
public final class Cursors {
  private final Duration ttl;
  private final ConcurrentHashMap<UUID, Cursor> open = new ConcurrentHashMap<>();

  /** Calls on one cursor may run concurrently; the lock keeps its iterator consistent. */
  private static final class Cursor {
    final ReentrantLock lock = new ReentrantLock();
    final Iterator<?> records;
    volatile long expires;
    volatile boolean finished;

    Cursor(Iterator<?> records, long expires) {
      this.records = records;
      this.expires = expires;
    }
  }

  /** @param ttl how long an untouched cursor lives */
  public Cursors(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * @param records the result set, read lazily; records are MessagePack-encodable values
   * @return the handle payload {@code {"u": <16-byte binary UUID>}} to return to the caller
   */
  public byte[] open(Iterator<?> records) {
    UUID id = UUID.randomUUID();
    open.put(id, new Cursor(records, System.nanoTime() + ttl.toNanos()));
    return MsgPack.encode(Map.of("u", bytes(id)));
  }

  /**
   * @param params the call's params {@code {"u": uuid}}
   * @return one encoded record, or an empty payload once the cursor is exhausted
   * @throws RpcException NOT_FOUND for an unknown cursor, PARSE for bad params
   */
  public byte[] next(RpcEvent params) throws RpcException {
    Cursor c = find(params);
    c.lock.lock();
    try {
      if (!c.records.hasNext()) {
        c.finished = true;
        return new byte[0];
      }
      return MsgPack.encode(c.records.next());
    } finally {
      c.lock.unlock();
    }
  }

  /**
   * @param params the call's params {@code {"u": uuid, "n": count}} ({@code n} defaults to 1)
   * @return an encoded array of up to {@code n} records; fewer means the end
   * @throws RpcException NOT_FOUND for an unknown cursor, PARSE for bad params
   */
  public byte[] nextBulk(RpcEvent params) throws RpcException {
    Map<String, Object> p = params.params();
    Cursor c = find(params);
    long n = p.get("n") instanceof Long l ? l : 1;
    List<Object> out = new ArrayList<>();
    c.lock.lock();
    try {
      while (out.size() < n && c.records.hasNext()) {
        out.add(c.records.next());
      }
      if (out.size() < n) {
        c.finished = true;
      }
    } finally {
      c.lock.unlock();
    }
    return MsgPack.encode(out);
  }

  /** Removes finished and expired cursors. */
  public void clean() {
    long now = System.nanoTime();
    open.values().removeIf(c -> c.finished || now - c.expires > 0);
  }

  /** @return how many cursors are open */
  public int size() {
    return open.size();
  }

  private Cursor find(RpcEvent call) throws RpcException {
    Object u = call.params().get("u");
    UUID id;
    if (u instanceof byte[] b && b.length == 16) {
      ByteBuffer bb = ByteBuffer.wrap(b);
      id = new UUID(bb.getLong(), bb.getLong());
    } else if (u instanceof String s) {
      try {
        id = UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        throw new RpcException(RpcException.PARSE, "bad cursor id");
      }
    } else {
      throw new RpcException(RpcException.PARSE, "params must be {\"u\": uuid}");
    }
    Cursor c = open.get(id);
    if (c == null) {
      throw new RpcException(RpcException.NOT_FOUND);
    }
    c.expires = System.nanoTime() + ttl.toNanos();
    return c;
  }

  private static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array();
  }
}

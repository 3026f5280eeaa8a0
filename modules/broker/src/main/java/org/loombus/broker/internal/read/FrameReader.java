package org.loombus.broker.internal.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ConnectionException;
import org.loombus.broker.RemoteRoutes;
import org.loombus.broker.Transport;
import org.loombus.broker.TransportViolation;
import org.loombus.broker.internal.BrokerCore;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.route.Registry;
import org.loombus.broker.internal.write.Outbox;
import org.loombus.broker.internal.write.StreamOutbox;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;
import org.loombus.protocol.wire.Utf8;

/**
 * The reading half of a stream client (docs/protocol.md §1.7, §1.9, §2): reads 9-byte headers and
 * bodies into one reused buffer, routes each frame, and queues its ACK after the deliveries. The
 * buffer grows only as body bytes actually arrive, so an announced length of 4 GiB costs nothing
 * until the bytes come.
 */
public final class FrameReader {
  /** A frame that breaks the protocol: the connection is closed without an ACK. */
  private static final class Violation extends Exception {
    private static final long serialVersionUID = 1L;
    final Transport.Ending why;

    /** A frame that breaks BUS/RT. */
    Violation(String message) {
      this(Transport.Ending.PROTOCOL, message);
    }

    Violation(Transport.Ending why, String message) {
      super(message, null, false, false);
      this.why = why;
    }
  }

  /** Bytes a connection reads into until its traffic asks for more (memory per idle client). */
  private static final int FIRST_BUFFER = 512;
  /** Longest target or topic kept decoded between frames. */
  private static final int MAX_KEPT_ADDRESS = 256;

  private final FrameSource source;
  private final BrokerCore core;
  private final ClientEntry entry;
  private final int bufSize;
  private final long idleNanos;
  private final long bodyNanos;
  private final long sizeLimit;
  private final List<ClientEntry> scratch = new ArrayList<>();
  private final StreamOutbox outbox;
  /** Length of the first buffer; what the buffer holds beyond it is reserved from the budget. */
  private final int firstLength;
  private byte[] buf;
  private ByteBuffer view;
  private int pos;
  private int lim;
  private byte[] lastAddressBytes;
  private String lastAddress;

  /**
   * @param core the broker
   * @param entry the registered client
   * @param outbox its outbox, which this reader owns and flushes
   * @param source its stream
   */
  public FrameReader(BrokerCore core, ClientEntry entry, StreamOutbox outbox, FrameSource source) {
    this.source = source;
    this.core = core;
    this.entry = entry;
    this.bufSize = core.config().bufSize();
    long timeoutNanos = core.config().timeout().toNanos();
    this.bodyNanos = timeoutNanos;
    this.idleNanos = timeoutNanos / 8 * 10;
    this.sizeLimit = core.config().payloadSizeLimit();
    // An idle client holds a small buffer; reads that fill it grow it towards bufSize.
    this.firstLength = Math.min(bufSize, FIRST_BUFFER);
    this.buf = new byte[firstLength];
    this.view = ByteBuffer.wrap(buf);
    this.outbox = outbox;
  }

  /**
   * Reads and routes the client's frames on the calling thread until the connection ends, then
   * unregisters the client.
   *
   * @throws ConnectionException if it ended otherwise than by a clean close at a frame boundary
   */
  public void run() throws ConnectionException {
    outbox.own(Thread.currentThread());
    String reason;
    boolean forced;
    // What the peer is told; a transport that ends on its own violation has told it already.
    Transport.Ending why = Transport.Ending.NORMAL;
    Throwable cause = null;
    try {
      readFrames();
      reason = null;
      forced = false;
    } catch (Violation v) {
      reason = v.getMessage();
      forced = true;
      why = v.why;
    } catch (TransportViolation v) {
      reason = v.getMessage();
      forced = true;
      why = Transport.Ending.PROTOCOL;
      cause = v;
    } catch (IOException e) {
      // Whoever detached the session has already unregistered and logged it; a reset by the
      // peer is the client's doing, not the broker's.
      String detached = source.detachReason();
      forced = false;
      reason = detached != null ? detached
          : core.isShutdown() ? "broker shut down" : "connection lost: " + e.getMessage();
      cause = e;
    } catch (RuntimeException | Error e) {
      // Whatever went wrong (a bug, a heap exhausted by everyone), this client must not stay
      // registered with nobody reading its socket: it is closed like any other forced end.
      reason = "internal error: " + e;
      forced = true;
      why = Transport.Ending.INTERNAL;
      cause = e;
    }
    core.memory().release(buf.length - firstLength);
    if (reason == null) {
      core.disconnect(entry, "client closed the connection", false, why);
      return;
    }
    core.disconnect(entry, reason, forced, why);
    throw new ConnectionException(reason, cause);
  }

  private void readFrames() throws IOException, Violation {
    while (true) {
      // The whole header (and below, the whole body) has one limit; the clock is read only when
      // the bytes are not already buffered.
      long headerDeadline =
          lim - pos < Ops.CLIENT_HEADER_SIZE ? System.nanoTime() + idleNanos : 0;
      while (lim - pos < Ops.CLIENT_HEADER_SIZE) {
        if (!fill(Ops.CLIENT_HEADER_SIZE, headerDeadline)) {
          if (lim == pos) {
            return;
          }
          throw new Violation("connection closed in the middle of a frame header");
        }
      }
      int id = Frames.clientId(buf, pos);
      int flags = Frames.clientFlags(buf, pos);
      if (flags == Ops.PING) {
        pos += Ops.CLIENT_HEADER_SIZE;
        continue;
      }
      long len = Frames.clientBodyLength(buf, pos);
      int op = flags & 0x3F;
      if (!Ops.isKnown(op)) {
        throw new Violation(String.format("unknown op code 0x%02X", op));
      }
      if (sizeLimit > 0 && len > sizeLimit) {
        throw new Violation(Transport.Ending.TOO_BIG,
            "frame body of " + len + " bytes exceeds the limit of " + sizeLimit);
      }
      if (len > Integer.MAX_VALUE - 64) {
        throw new Violation(Transport.Ending.TOO_BIG,
            "frame body of " + len + " bytes is larger than Loombus accepts");
      }
      int need = Ops.CLIENT_HEADER_SIZE + (int) len;
      long bodyDeadline = lim - pos < need ? System.nanoTime() + bodyNanos : 0;
      while (lim - pos < need) {
        if (!fill(need, bodyDeadline)) {
          throw new Violation("connection closed in the middle of a frame body");
        }
      }
      int start = pos + Ops.CLIENT_HEADER_SIZE;
      pos += need;
      dispatch(id, op, flags >>> 6, start, (int) len);
      if (pos == lim) {
        pos = 0;
        lim = 0;
        if (buf.length > bufSize) {
          resize(bufSize, 0); // a large frame passed; do not keep its buffer
        }
      }
    }
  }

  /**
   * Reads once, making room first: compacts, or grows the buffer towards {@code need} by at most
   * doubling, so memory follows the bytes received rather than the length announced.
   *
   * @param deadline when the header or body being read must be complete
   * @return false at end of stream
   */
  private boolean fill(int need, long deadline) throws IOException, Violation {
    if (lim == buf.length) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
      } else {
        resize((int) Math.min(need, 2L * buf.length), need);
      }
    } else if (buf.length - pos < need && pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    view.limit(buf.length).position(lim);
    outbox.flushOwn();
    if (lim == pos && Thread.currentThread().isVirtual()) {
      // Everything read is handled and answered. A read now would mostly find nothing and park,
      // which costs a poller registration and, later, an unpark through the poller. Yielding
      // once first lets the other runnable readers go, by which time the client has often sent
      // its next frame. With loombusd's single read poller, `./dev perf` measured 23-58 % more
      // on the acknowledged and RPC stages; read calls fell from 1.97 to 1.26 per frame.
      Thread.yield();
    }
    int n = source.read(view, deadline);
    if (n < 0) {
      return false;
    }
    lim += n;
    if (lim == buf.length && buf.length < bufSize) {
      resize(Math.min(bufSize, 2 * buf.length), lim); // busy: read more at once
    }
    return true;
  }

  /**
   * Reallocates the buffer, keeping its bytes up to {@link #lim}. What it grows by is reserved
   * from the broker's memory budget first: a body that does not fit in the budget, or in the
   * heap, closes its connection (as the reference does when its allocator refuses a large body,
   * docs/protocol.md §1.9) instead of ending this reader with an error that leaves the client
   * registered and its socket unread.
   *
   * @param need the frame's length, for the refusal's reason
   */
  private void resize(int length, int need) throws Violation {
    long more = (long) length - buf.length;
    if (more > 0 && !core.memory().tryReserve(more)) {
      throw new Violation(Transport.Ending.TOO_BIG, "frame body of "
          + (need - Ops.CLIENT_HEADER_SIZE) + " bytes does not fit in the broker's memory budget");
    }
    byte[] b;
    try {
      b = new byte[length];
    } catch (OutOfMemoryError e) {
      core.memory().release(more);
      throw new Violation(Transport.Ending.TOO_BIG, "frame body of "
          + (need - Ops.CLIENT_HEADER_SIZE) + " bytes does not fit in memory");
    }
    if (more < 0) {
      core.memory().release(-more);
    }
    System.arraycopy(buf, 0, b, 0, lim);
    buf = b;
    view = ByteBuffer.wrap(buf);
  }

  private void dispatch(int id, int op, int qos, int start, int len) throws Violation {
    boolean rt = (qos & 2) != 0;
    boolean ack = (qos & 1) != 0;
    ClientAaa aaa = entry.aaa;
    int end = start + len;
    int code = ResultCode.ACCESS;
    switch (op) {
      case Ops.MESSAGE, Ops.BROADCAST -> {
        int z = zeroAt(start, end, "target");
        String target = address(start, z - start, "target");
        if (op == Ops.MESSAGE) {
          if (aaa == null || aaa.mayMessage(target)) {
            count(len);
            code = core.router().message(entry, target, buf, z + 1, end - z - 1, rt, len, ack, id);
          }
        } else if (aaa == null || aaa.mayBroadcast(target)) {
          count(len);
          code = core.router().broadcast(entry, target, buf, z + 1, end - z - 1, rt, len, scratch);
        }
      }
      case Ops.PUBLISH -> {
        int z = zeroAt(start, end, "topic");
        String topic = address(start, z - start, "topic");
        if (aaa == null || aaa.mayPublish(topic)) {
          count(len);
          code = core.router().publish(
              entry, topic, null, buf, start, z - start, z + 1, end - z - 1, rt, len, scratch);
        }
      }
      case Ops.PUBLISH_FOR -> {
        int z1 = zeroAt(start, end, "topic");
        int z2 = zeroAt(z1 + 1, end, "receiver");
        String topic = utf8(start, z1 - start, "topic");
        String receiver = utf8(z1 + 1, z2 - z1 - 1, "receiver");
        if (aaa == null || aaa.mayPublish(topic)) {
          count(len);
          code = core.router().publish(entry, topic, receiver, buf, start, z1 - start, z2 + 1,
              end - z2 - 1, rt, len, scratch);
        }
      }
      case Ops.SUBSCRIBE, Ops.UNSUBSCRIBE, Ops.EXCLUDE, Ops.UNEXCLUDE -> {
        List<String> masks = splitMasks(start, end);
        count(len);
        if (op == Ops.SUBSCRIBE || op == Ops.EXCLUDE) {
          // One ACK per refused mask, 72 beyond the length or depth limit or (SUBSCRIBE only) 79
          // denied by the rules, then the final ACK for the frame (docs/protocol.md §6.2).
          // EXCLUDE must pass any rules (C104); it can only narrow what the client receives.
          for (var it = masks.iterator(); it.hasNext(); ) {
            String mask = it.next();
            int refusal = !core.router().isAcceptableMask(mask) ? ResultCode.DATA
                : op == Ops.SUBSCRIBE && aaa != null && !aaa.maySubscribe(mask)
                    ? ResultCode.ACCESS : ResultCode.OK;
            if (refusal != ResultCode.OK) {
              it.remove();
              if (ack) {
                queueAck(id, refusal, rt);
              }
            }
          }
        }
        code = core.router().subscription(entry, op, masks);
        if (code == Registry.TOO_MANY_MASKS) {
          throw new Violation(Transport.Ending.POLICY, "more than " + core.config().maxMasks()
              + " subscriptions and exclusions");
        }
        if (code == Registry.NO_MEMORY) {
          throw new Violation(Transport.Ending.POLICY,
              "its subscriptions do not fit in the broker's memory budget");
        }
      }
      default -> {
        // op 0 with a QoS: undefined; like the reference, require a 00 and do nothing (§2.4)
        zeroAt(start, end, "field");
        return;
      }
    }
    if (ack && code != RemoteRoutes.PENDING) { // a remote target's ACK comes when it answers
      queueAck(id, code, rt);
    }
  }

  private void queueAck(int id, int code, boolean rt) {
    core.router().ack(entry, id, code, rt);
  }

  private void count(int len) {
    entry.counters.read(len);
    core.stats().read(len);
  }

  private int zeroAt(int from, int end, String field) throws Violation {
    for (int i = from; i < end; i++) {
      if (buf[i] == 0) {
        return i;
      }
    }
    throw new Violation("frame without the 00 after its " + field);
  }

  /**
   * A target or topic. Clients mostly address the same name frame after frame, so the last one is
   * kept decoded: a repeat costs a byte comparison instead of a decoded String (the largest
   * allocation per acknowledged frame before).
   */
  private String address(int off, int len, String field) throws Violation {
    byte[] last = lastAddressBytes;
    if (last != null && last.length == len && Arrays.equals(buf, off, off + len, last, 0, len)) {
      return lastAddress;
    }
    String s = utf8(off, len, field);
    if (len <= MAX_KEPT_ADDRESS) {
      lastAddressBytes = Arrays.copyOfRange(buf, off, off + len);
      lastAddress = s;
    }
    return s;
  }

  private String utf8(int off, int len, String field) throws Violation {
    String s = Utf8.decode(buf, off, len);
    if (s == null) {
      throw new Violation("the " + field + " is not valid UTF-8");
    }
    return s;
  }

  private List<String> splitMasks(int start, int end) throws Violation {
    List<String> masks = new ArrayList<>(2);
    int from = start;
    for (int i = start; i <= end; i++) {
      if (i == end || buf[i] == 0) {
        masks.add(utf8(from, i - from, "topic mask"));
        from = i + 1;
      }
    }
    return masks;
  }
}

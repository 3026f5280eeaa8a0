package org.loombus.server.internal.ws;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.ClientKind;
import org.loombus.broker.PeerCredentials;
import org.loombus.broker.Transport;

/**
 * An upgraded WebSocket connection as the byte stream a BUS/RT session reads and writes, so the
 * broker's handshake, reader and writer serve it as they serve TCP. Reads return the payload of
 * the client's binary messages ({@link InboundFrames}); each write call that starts a frame sends
 * one unmasked, final binary frame of what remains of its buffer, which the calls that follow
 * complete (the session's writer loops on one buffer until it is written). The reference
 * likewise sends each write as one binary message (docs/protocol.md §1.1).
 *
 * <p>The reader's pongs and closing frame share the connection with the writer's frames: a lock
 * is held from a frame's header to its last byte, so a control frame goes between frames only.
 *
 * <p>When the broker ends the connection ({@link #close(Transport.Ending)}) or the client breaks
 * RFC 6455, a close frame with the reason's status goes first if it can go between frames, and
 * the TCP connection is closed right after it, without waiting for the client's answering
 * close: the broker has nothing more to read from the client (RFC 6455 §7.1.7 has a failing
 * endpoint read no more), and waiting would hold a socket per client at shutdown for clients that
 * may never answer.
 */
public final class WebSocketTransport implements Transport, InboundFrames.Replies {
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PONG = 0xA;
  /** RFC 6455 §7.4.1 status codes the broker's own endings send. */
  static final int NORMAL = 1000;
  static final int GOING_AWAY = 1001;
  static final int POLICY_VIOLATION = 1008;
  static final int INTERNAL_ERROR = 1011;
  /** How long the reader's close frame waits for the frame being written. */
  private static final long CLOSE_FRAME_WAIT_MS = 500;
  private final SocketChannel channel;
  private final ByteStream stream;
  private final InboundFrames inbound;
  private final String listener;
  private final InetSocketAddress remote;
  private final ReentrantLock sending = new ReentrantLock();
  /** Held while a close frame is sent, so a second closer does not cut it off. */
  private final ReentrantLock ending = new ReentrantLock();
  /** Whether a close frame, the client's answer or the broker's, has gone; guarded by sending. */
  private boolean closeSent;
  /** How long the close frame may take: the stall time, the deadline of every write. */
  private final long writeDeadlineNanos;
  /** The thread that reads the connection, the only one that waits to send a close frame. */
  private volatile Thread reader;
  /** Payload bytes of the frame being written still to come; written by the writer only. */
  private long frameLeft;
  private final ByteBuffer header = ByteBuffer.allocate(10);

  WebSocketTransport(SocketChannel channel, ByteStream stream, ByteBuffer afterUpgrade,
      long messageLimit, String listener, long writeDeadlineNanos) throws IOException {
    this.channel = channel;
    this.writeDeadlineNanos = writeDeadlineNanos;
    this.stream = stream;
    this.inbound = new InboundFrames(stream, this, afterUpgrade, messageLimit);
    this.listener = listener;
    this.remote = (InetSocketAddress) channel.getRemoteAddress();
  }

  /**
   * @throws IOException naming the protocol violation, after a best-effort close frame with its
   *     status, and the connection is closed
   */
  @Override
  public int read(ByteBuffer dst) throws IOException {
    reader = Thread.currentThread();
    try {
      return inbound.read(dst);
    } catch (WebSocketViolation v) {
      end(v.status);
      throw v;
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (frameLeft == 0) {
      if (!src.hasRemaining()) {
        return 0;
      }
      sending.lock();
      try {
        frameHeader(OP_BINARY, src.remaining());
        stream.writeFully(header);
      } catch (IOException | RuntimeException e) {
        sending.unlock();
        throw e;
      }
      frameLeft = src.remaining();
    }
    int limit = src.limit();
    try {
      if (src.remaining() > frameLeft) {
        src.limit(src.position() + (int) frameLeft);
      }
      int n = stream.write(src);
      frameLeft -= n;
      if (frameLeft == 0) {
        sending.unlock();
      }
      return n;
    } catch (IOException | RuntimeException e) {
      frameLeft = 0;
      sending.unlock();
      throw e;
    } finally {
      src.limit(limit);
    }
  }

  /** Fills {@link #header} for a final, unmasked frame (servers never mask, RFC 6455 §5.1). */
  private void frameHeader(int opcode, long length) {
    header.clear().put((byte) (0x80 | opcode));
    if (length < 126) {
      header.put((byte) length);
    } else if (length <= 0xFFFF) {
      header.put((byte) 126).putShort((short) length);
    } else {
      header.put((byte) 127).putLong(length);
    }
    header.flip();
  }

  @Override
  public void pong(byte[] payload) throws IOException {
    control(OP_PONG, payload);
  }

  /** Answers the client's close with its status, as RFC 6455 §5.5.1 asks, unless one went. */
  @Override
  public void closed(int status) throws IOException {
    sending.lock();
    try {
      if (!closeSent) {
        closeSent = true;
        writeControl(OP_CLOSE, status < 0 ? new byte[0] : status(status));
      }
    } finally {
      sending.unlock();
    }
  }

  private void control(int opcode, byte[] payload) throws IOException {
    sending.lock();
    try {
      writeControl(opcode, payload);
    } finally {
      sending.unlock();
    }
  }

  /**
   * Sends a close frame with {@code status} unless one went already, then closes the connection.
   * The frame goes between frames only. The reader, ending on the client's violation, waits a
   * little for the frame being written (the writer may not yet have released the lock of the
   * frame the client is answering); any other thread (the broker's ticker, a publisher that
   * found this client's queue full, the shutdown) does not wait at all, since the writer may be
   * stalled on a client that does not read, and the connection just closes. The close frame's
   * own write has the write deadline: a client whose socket takes none of it in that time is cut
   * off all the same.
   */
  private void end(int status) {
    ending.lock();
    boolean locked = false;
    try {
      long wait = Thread.currentThread() == reader ? CLOSE_FRAME_WAIT_MS : 0;
      locked = sending.tryLock(wait, TimeUnit.MILLISECONDS);
      if (locked && !closeSent && channel.isOpen()) {
        closeSent = true;
        // The timer holds the channel only, not this connection's buffers, until it fires.
        SocketChannel ch = channel;
        CompletableFuture.delayedExecutor(writeDeadlineNanos, TimeUnit.NANOSECONDS, Runnable::run)
            .execute(() -> closeQuietly(ch));
        writeControl(OP_CLOSE, status(status));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the connection is being closed anyway
    } finally {
      closeQuietly(stream); // before the lock goes: no data frame may follow a close frame
      if (locked) {
        sending.unlock();
      }
      ending.unlock();
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing a broken connection
    }
  }

  private static int status(Transport.Ending why) {
    return switch (why) {
      case NORMAL -> NORMAL;
      case SHUTDOWN -> GOING_AWAY;
      case POLICY -> POLICY_VIOLATION;
      case PROTOCOL -> InboundFrames.PROTOCOL_ERROR;
      case TOO_BIG -> InboundFrames.TOO_BIG;
      case INTERNAL -> INTERNAL_ERROR;
    };
  }

  /** Called with {@link #sending} held, so {@link #header} is free. */
  private void writeControl(int opcode, byte[] payload) throws IOException {
    frameHeader(opcode, payload.length);
    stream.writeFully(header);
    stream.writeFully(ByteBuffer.wrap(payload));
  }

  private static byte[] status(int code) {
    return new byte[] {(byte) (code >> 8), (byte) code};
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * Ends the connection with a close frame telling {@code why}, as far as {@link #end} can send
   * one, without holding a caller other than the reader for more than the write deadline.
   */
  @Override
  public void close(Transport.Ending why) {
    end(status(why));
  }

  /**
   * Closes the TCP connection at once, without a close frame; only a close frame being sent is
   * let finish (within its write deadline).
   */
  @Override
  public void close() throws IOException {
    ending.lock();
    try {
      stream.close();
    } finally {
      ending.unlock();
    }
  }

  @Override
  public ClientKind kind() {
    return ClientKind.WEBSOCKET;
  }

  @Override
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.of(remote);
  }

  @Override
  public Optional<PeerCredentials> credentials() {
    return Optional.empty();
  }

  @Override
  public String listener() {
    return listener;
  }
}

package org.loombus.server.internal.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
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
 */
public final class WebSocketTransport implements Transport, InboundFrames.Replies {
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PONG = 0xA;
  /** How long a violation's close frame waits for the frame being written. */
  private static final long CLOSE_FRAME_WAIT_MS = 500;
  private final SocketChannel channel;
  private final ByteStream stream;
  private final InboundFrames inbound;
  private final String listener;
  private final InetSocketAddress remote;
  private final ReentrantLock sending = new ReentrantLock();
  /** Payload bytes of the frame being written still to come; written by the writer only. */
  private long frameLeft;
  private final ByteBuffer header = ByteBuffer.allocate(10);

  WebSocketTransport(SocketChannel channel, ByteStream stream, ByteBuffer afterUpgrade,
      long messageLimit, String listener) throws IOException {
    this.channel = channel;
    this.stream = stream;
    this.inbound = new InboundFrames(stream, this, afterUpgrade, messageLimit);
    this.listener = listener;
    this.remote = (InetSocketAddress) channel.getRemoteAddress();
  }

  /**
   * @throws IOException naming the protocol violation, after a best-effort close frame with its
   *     status
   */
  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return inbound.read(dst);
    } catch (WebSocketViolation v) {
      closeFrameIfIdle(v.status);
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

  /** Answers the client's close with its status, as RFC 6455 §5.5.1 asks. */
  @Override
  public void closed(int status) throws IOException {
    control(OP_CLOSE, status < 0 ? new byte[0] : status(status));
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
   * Between frames only, so it waits a little for a frame being written (the writer may not yet
   * have released the lock of the frame the client is answering), but not for a writer stalled
   * on a client that does not read: the connection ends regardless.
   */
  private void closeFrameIfIdle(int status) {
    try {
      if (!sending.tryLock(CLOSE_FRAME_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      writeControl(OP_CLOSE, status(status));
    } catch (IOException e) {
      // the connection is being dropped anyway
    } finally {
      sending.unlock();
    }
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

  /** Closes the TCP connection at once: a close frame could wait forever behind a stalled peer. */
  @Override
  public void close() throws IOException {
    stream.close();
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

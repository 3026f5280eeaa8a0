package org.loombus.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;
import org.loombus.protocol.wire.Handshake;

/**
 * A client that speaks raw bytes: every read has a deadline, so a test waiting for bytes that
 * never come fails instead of hanging. Frame helpers build the 9-byte client headers and read the
 * 6-byte broker headers; nothing is hidden behind a client library.
 */
public final class RawClient implements AutoCloseable {
  /** Default wait for bytes the broker must send. */
  public static final Duration WAIT = Duration.ofSeconds(5);

  private final SocketChannel channel;
  private final Selector selector;
  /**
   * Bytes received and not yet read. Larger frames pass through it in parts; 64 KiB keeps the
   * thousand clients that the hostile-client tests hold open at once cheap.
   */
  private final ByteBuffer pending = ByteBuffer.allocate(1 << 16).flip();

  private RawClient(SocketChannel channel) throws IOException {
    this.channel = channel;
    channel.configureBlocking(false);
    this.selector = Selector.open();
    channel.register(selector, SelectionKey.OP_READ);
  }

  /**
   * Connects without any handshake.
   *
   * @param address a {@link UnixDomainSocketAddress} or an {@link java.net.InetSocketAddress}
   * @return the connected client
   */
  public static RawClient connect(SocketAddress address) {
    try {
      SocketChannel ch = address instanceof UnixDomainSocketAddress
          ? SocketChannel.open(StandardProtocolFamily.UNIX)
          : SocketChannel.open();
      ch.connect(address);
      if (!(address instanceof UnixDomainSocketAddress)) {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      return new RawClient(ch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Connects and completes the handshake, asserting every byte of it.
   *
   * @param address where the broker listens
   * @param name the client name
   * @return the registered client
   */
  public static RawClient register(SocketAddress address, String name) {
    RawClient c = connect(address);
    int status = c.handshake(name);
    if (status != 0x01) {
      c.close();
      throw new AssertionError("registration of " + name + " answered " + Integer.toHexString(status));
    }
    return c;
  }

  /**
   * Runs the client side of the handshake.
   *
   * @param name the client name
   * @return the final status byte
   */
  public int handshake(String name) {
    byte[] greeting = read(3);
    if (!Arrays.equals(greeting, Handshake.greeting())) {
      throw new AssertionError("greeting was " + hex(greeting));
    }
    write(greeting);
    int ok = read(1)[0] & 0xFF;
    if (ok != 0x01) {
      throw new AssertionError("greeting answer was " + Integer.toHexString(ok));
    }
    write(Handshake.encodeName(name));
    return read(1)[0] & 0xFF;
  }

  /** @param bytes written as they are */
  public void write(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (b.hasRemaining()) {
        if (channel.write(b) == 0) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the broker did not take " + b.remaining() + " bytes");
          }
          // The socket is full until the broker reads: yield the core rather than spin, since
          // on a two-core machine a spinning writer starves the broker it is waiting for.
          LockSupport.parkNanos(50_000);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a client frame: {@code id flags len} and the body.
   *
   * @param id frame id
   * @param flags op code and QoS bits
   * @param body the body
   */
  public void send(int id, int flags, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(9 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(id).put((byte) flags).putInt(body.length).put(body);
    write(b.array());
  }

  /**
   * Writes a client frame whose body is the parts joined by single {@code 00} bytes.
   *
   * @param id frame id
   * @param flags op code and QoS bits
   * @param parts strings (UTF-8) or byte arrays
   */
  public void send(int id, int flags, Object... parts) {
    send(id, flags, body(parts));
  }

  /**
   * @param parts strings (UTF-8) or byte arrays
   * @return the parts joined by single {@code 00} bytes
   */
  public static byte[] body(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.write(0);
      }
      byte[] p = parts[i] instanceof byte[] b ? b : parts[i].toString().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * @param n bytes to read
   * @return exactly {@code n} bytes, waiting at most {@link #WAIT}
   */
  public byte[] read(int n) {
    return read(n, WAIT);
  }

  /**
   * @param n bytes to read
   * @param timeout how long to wait in all
   * @return {@code n} bytes, or fewer (none, say) if the broker closes the connection first
   * @throws AssertionError if neither happens in time
   */
  public byte[] readUntilClosedOr(int n, Duration timeout) {
    return read(n, timeout, true);
  }

  /**
   * @param n bytes to read
   * @param timeout how long to wait in all
   * @return exactly {@code n} bytes
   * @throws AssertionError if they do not arrive in time or the connection ends first
   */
  public byte[] read(int n, Duration timeout) {
    return read(n, timeout, false);
  }

  private byte[] read(int n, Duration timeout, boolean closedIsAnAnswer) {
    byte[] out = new byte[n];
    int got = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (got < n) {
      if (pending.hasRemaining()) {
        int k = Math.min(n - got, pending.remaining());
        pending.get(out, got, k);
        got += k;
        continue;
      }
      int r = fill(deadline);
      if (r < 0 && closedIsAnAnswer) {
        return Arrays.copyOf(out, got);
      }
      if (r < 0) {
        throw new AssertionError("connection closed after " + got + " of " + n + " bytes: "
            + hex(Arrays.copyOf(out, got)));
      }
      if (r == 0) {
        throw new AssertionError("timed out after " + got + " of " + n + " bytes: "
            + hex(Arrays.copyOf(out, got)));
      }
    }
    return out;
  }

  /** @return the next broker frame, header and body, waiting at most {@link #WAIT} */
  public byte[] readFrame() {
    return readFrame(WAIT);
  }

  /**
   * Reads one broker-to-client frame: 6 header bytes, then the body for kinds other than
   * {@code 00} (NOP) and {@code FE} (ACK).
   *
   * @param timeout how long to wait
   * @return the whole frame
   */
  public byte[] readFrame(Duration timeout) {
    byte[] header = read(6, timeout);
    int kind = header[0] & 0xFF;
    if (kind == 0x00 || kind == 0xFE) {
      return header;
    }
    int len = ByteBuffer.wrap(header, 1, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] body = read(len, timeout);
    byte[] all = Arrays.copyOf(header, 6 + len);
    System.arraycopy(body, 0, all, 6, len);
    return all;
  }

  /**
   * Reads frames until one that is not a keep-alive NOP.
   *
   * @return the frame
   */
  public byte[] readFrameSkippingNops() {
    while (true) {
      byte[] f = readFrame();
      if (!(f.length == 6 && f[0] == 0)) {
        return f;
      }
    }
  }

  /**
   * Asserts that nothing but keep-alive NOPs arrives for a while, and the connection stays open.
   *
   * @param quiet how long to watch
   */
  public void expectNothing(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    while (true) {
      if (pending.remaining() >= 6) {
        byte[] f = readFrame();
        if (!(f.length == 6 && f[0] == 0)) {
          throw new AssertionError("unexpected frame " + hex(f));
        }
        continue;
      }
      int r = fill(deadline);
      if (r < 0) {
        throw new AssertionError("the broker closed the connection");
      }
      if (r == 0) {
        if (pending.hasRemaining()) {
          throw new AssertionError("unexpected bytes " + hex(remainingBytes()));
        }
        return;
      }
    }
  }

  /**
   * Waits for the broker to close the connection, discarding what arrives meanwhile.
   *
   * @param timeout how long to wait
   * @return whether the connection was closed in time
   */
  public boolean awaitClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      pending.position(pending.limit());
      int r = fill(deadline);
      if (r < 0) {
        return true;
      }
      if (r == 0) {
        return false;
      }
    }
  }

  /**
   * Waits for the broker to close the connection, keeping what arrives meanwhile, so a test can
   * assert that a connection ended without a status byte or an ACK.
   *
   * @param timeout how long to wait for the end of stream
   * @return every byte received and not yet read before the end of stream
   * @throws AssertionError if the connection is still open after {@code timeout}
   */
  public byte[] readUntilClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      out.writeBytes(remainingBytes());
      int r = fill(deadline);
      if (r < 0) {
        out.writeBytes(remainingBytes());
        return out.toByteArray();
      }
      if (r == 0) {
        out.writeBytes(remainingBytes());
        throw new AssertionError("the connection is still open after receiving "
            + hex(out.toByteArray()));
      }
    }
  }

  /** @return bytes received but not yet read (consumed) */
  public byte[] remainingBytes() {
    byte[] b = new byte[pending.remaining()];
    pending.get(b);
    return b;
  }

  /** Reads what is available into {@link #pending}: bytes read, 0 on timeout, -1 at EOF. */
  private int fill(long deadline) {
    try {
      pending.compact();
      try {
        while (true) {
          int n = channel.read(pending);
          if (n != 0) {
            return n;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return 0;
          }
          selector.select(Math.max(1, left / 1_000_000));
          selector.selectedKeys().clear();
        }
      } finally {
        pending.flip();
      }
    } catch (IOException e) {
      return -1; // reset by the broker: closed
    }
  }

  /**
   * @param text hex bytes, spaces allowed: {@code "EB 01 00"}
   * @return the bytes
   */
  public static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  /**
   * @param b bytes
   * @return upper-case hex with spaces: {@code "EB 01 00"}
   */
  public static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
  }

  /** @return this end's address; for TCP the {@code ip:port} the broker reports as source */
  public SocketAddress localAddress() {
    try {
      return channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Half-closes the sending direction (the broker sees EOF). */
  public void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Shuts down the receiving direction: on a Unix socket the broker's next write to this client
   * fails (broken pipe) while its reads go on.
   */
  public void shutdownInput() {
    try {
      channel.shutdownInput();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      selector.close();
      channel.close();
    } catch (IOException e) {
      // closing a broken socket
    }
  }
}

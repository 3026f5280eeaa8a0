package org.loombus.client.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Handshake;

/**
 * Connects to a broker and runs the client side of the handshake (docs/protocol.md §1.2): read the
 * greeting {@code EB 01 00}, echo it, expect {@code 01}, send the name, expect {@code 01}. Like the
 * Rust client, the whole of it must finish within the configured timeout; blocking JDK channels
 * have no read timeout, so a guard thread closes the channel when the deadline passes.
 */
final class Connector {
  private Connector() {}

  /**
   * @param config where to connect and as whom
   * @return the registered channel, in blocking mode
   * @throws BusException with the broker's status byte if it refuses the greeting or the name,
   *     or {@link ResultCode#NOT_SUPPORTED} if the peer's greeting is not BUS/RT version 1
   * @throws UncheckedIOException if the connection fails or the broker does not answer in time
   */
  static SocketChannel connect(ClientConfig config) {
    Endpoint endpoint = Endpoint.parse(config.address());
    String what = "cannot connect to " + endpoint + " as " + config.name();
    SocketChannel ch;
    try {
      ch = endpoint.openChannel();
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
    Guard guard = new Guard(ch, config.timeout().toNanos());
    try {
      ch.connect(endpoint.resolve());
      if (!endpoint.isUnix()) {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      handshake(ch, config.name());
      if (!guard.finish()) {
        throw new SocketTimeoutException("timed out");
      }
      return ch;
    } catch (IOException e) {
      guard.finish();
      closeQuietly(ch);
      if (guard.expired()) {
        throw new UncheckedIOException(what + ": no handshake within "
            + config.timeout().toMillis() + " ms", new SocketTimeoutException(e.getMessage()));
      }
      throw new UncheckedIOException(what + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      guard.finish();
      closeQuietly(ch);
      throw e;
    }
  }

  private static void handshake(SocketChannel ch, String name) throws IOException {
    byte[] greeting = readExactly(ch, 3);
    if (!Handshake.isValidGreeting(greeting)) {
      throw new BusException(ResultCode.NOT_SUPPORTED, "the peer is not a BUS/RT version 1 broker"
          + " (greeting " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(greeting) + ")");
    }
    writeAll(ch, greeting);
    int status = readExactly(ch, 1)[0] & 0xFF;
    if (status != ResultCode.OK) {
      throw new BusException(status, "the broker refused the greeting");
    }
    writeAll(ch, Handshake.encodeName(name));
    status = readExactly(ch, 1)[0] & 0xFF;
    if (status != ResultCode.OK) {
      throw new BusException(status, "the broker refused to register " + name);
    }
  }

  private static byte[] readExactly(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("the broker closed the connection during the handshake");
      }
    }
    return b.array();
  }

  private static void writeAll(SocketChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // closing a broken channel
    }
  }

  /**
   * Closes the channel when the deadline passes unless the handshake finished first; exactly one
   * of the two wins, so a finished handshake is never closed behind the caller's back.
   */
  private static final class Guard {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Thread thread;

    Guard(SocketChannel ch, long nanos) {
      thread = Thread.ofVirtual().name("loombus-client-connect-guard").start(() -> {
        try {
          Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
          return;
        }
        if (state.compareAndSet(RUNNING, EXPIRED)) {
          closeQuietly(ch);
        }
      });
    }

    /** @return true if the handshake finished before the deadline */
    boolean finish() {
      boolean won = state.compareAndSet(RUNNING, DONE);
      thread.interrupt();
      return won || state.get() == DONE;
    }

    boolean expired() {
      return state.get() == EXPIRED;
    }
  }
}

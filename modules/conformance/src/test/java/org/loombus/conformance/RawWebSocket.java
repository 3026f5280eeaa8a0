package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A WebSocket client that writes whatever bytes a test gives it over a plain socket: a valid
 * upgrade or a broken one, frames masked or not, lengths true or false. Its reads wait at most
 * their bound, so a broker that fails to close makes the test fail rather than hang.
 */
final class RawWebSocket implements AutoCloseable {
  /** A fixed key whose accept value RFC 6455 §1.3 gives: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=. */
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
  /** The broker's BUS/RT greeting in one binary frame. */
  static final String GREETING_FRAME = "82 03 EB 01 00";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final Socket socket;
  private final InputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawWebSocket connect(InetSocketAddress address) {
    try {
      Socket s = new Socket();
      s.connect(address, 5000);
      s.setTcpNoDelay(true);
      return new RawWebSocket(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param address a WebSocket listener
   * @param path its path
   * @return a connection upgraded with exactly the expected 101, the broker's greeting read
   */
  static RawWebSocket upgraded(InetSocketAddress address, String path) {
    RawWebSocket ws = connect(address);
    assertEquals("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + ACCEPT + "\r\n\r\n",
        ws.upgrade(path));
    assertArrayEquals(Checks.hex(GREETING_FRAME), ws.read(5, WAIT));
    return ws;
  }

  /**
   * @param address a WebSocket listener
   * @param path its path
   * @param name an ASCII client name
   * @return a connection registered as {@code name}, the handshake sent in masked frames
   */
  static RawWebSocket registered(InetSocketAddress address, String path, String name) {
    RawWebSocket ws = upgraded(address, path);
    assertArrayEquals(Checks.hex("82 01 01"), ws.handshake(name));
    return ws;
  }

  /**
   * Sends the BUS/RT greeting, which must be accepted, and then {@code name}, in masked frames.
   *
   * @param name an ASCII client name
   * @return the frame of the broker's answer to the name: {@code 82 01} and the result code
   */
  byte[] handshake(String name) {
    write(frame(2, true, true, Checks.hex("EB 01 00")));
    assertArrayEquals(Checks.hex("82 01 01"), read(3, WAIT));
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] hello = new byte[2 + n.length];
    hello[0] = (byte) n.length;
    hello[1] = (byte) (n.length >> 8);
    System.arraycopy(n, 0, hello, 2, n.length);
    write(frame(2, true, true, hello));
    return read(3, WAIT);
  }

  /**
   * Asserts that the next bytes are exactly {@code closeFrame} (a server's close frame is
   * unmasked, so its bytes are known) and that the connection ends after it.
   *
   * @param closeFrame hex, e.g. {@code 88 02 03 E9} for status 1001
   */
  void assertClosedWith(String closeFrame) {
    byte[] expected = Checks.hex(closeFrame);
    assertArrayEquals(expected, read(expected.length, WAIT));
    assertTrue(awaitEof(WAIT), "connection closed after the close frame");
  }

  /**
   * {@link #assertClosedWith} after skipping the binary messages that come first (the broker's
   * shutdown warning, say).
   *
   * @param closeFrame hex of the close frame, its first byte 88
   */
  void assertClosedAfterMessagesWith(String closeFrame) {
    byte[] expected = Checks.hex(closeFrame);
    byte[] head = read(2, WAIT);
    while (head[0] == (byte) 0x82) {
      int len = head[1] & 0x7F;
      long n = len < 126 ? len : new java.math.BigInteger(1, read(len == 126 ? 2 : 8, WAIT))
          .longValueExact();
      read(Math.toIntExact(n), WAIT);
      head = read(2, WAIT);
    }
    byte[] rest = read(expected.length - 2, WAIT);
    byte[] got = new byte[expected.length];
    System.arraycopy(head, 0, got, 0, 2);
    System.arraycopy(rest, 0, got, 2, rest.length);
    assertArrayEquals(expected, got);
    assertTrue(awaitEof(WAIT), "connection closed after the close frame");
  }

  /** @return the request head of a valid upgrade to {@code path} */
  static String upgradeRequest(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
  }

  /** @return the port of this end, which names it in the broker's log lines */
  int localPort() {
    return socket.getLocalPort();
  }

  void write(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String ascii) {
    write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * @return one client frame: final, with the given opcode, masked with a fixed key unless
   *     {@code masked} is false, its length in the shortest form
   */
  static byte[] frame(int opcode, boolean fin, boolean masked, byte[] payload) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write((fin ? 0x80 : 0) | opcode);
    int m = masked ? 0x80 : 0;
    int n = payload.length;
    if (n < 126) {
      b.write(m | n);
    } else if (n <= 0xFFFF) {
      b.write(m | 126);
      b.write(n >> 8);
      b.write(n);
    } else {
      b.write(m | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        b.write((int) ((long) n >> shift));
      }
    }
    byte[] key = {0x12, 0x34, 0x56, 0x78};
    if (masked) {
      b.writeBytes(key);
    }
    for (int i = 0; i < n; i++) {
      b.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
    }
    return b.toByteArray();
  }

  /** Sends a valid upgrade request and reads the 101 response head. */
  String upgrade(String path) {
    write(upgradeRequest(path));
    return readHead(Duration.ofSeconds(5));
  }

  /** @return the HTTP response head up to its blank line, or what came before the socket closed */
  String readHead(Duration bound) {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    long end = System.nanoTime() + bound.toNanos();
    try {
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.write(c);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no complete response head within " + bound + ": " + head);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** @return exactly {@code n} bytes, failing if they do not come within {@code bound} */
  byte[] read(int n, Duration bound) {
    byte[] out = new byte[n];
    long end = System.nanoTime() + bound.toNanos();
    try {
      for (int off = 0; off < n; ) {
        socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        int r = in.read(out, off, n - off);
        if (r < 0) {
          throw new AssertionError("closed after " + off + " of " + n + " bytes");
        }
        off += r;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no " + n + " bytes within " + bound);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** @return true if the broker closed the connection within {@code bound}, reading past bytes */
  boolean awaitEof(Duration bound) {
    long end = System.nanoTime() + bound.toNanos();
    try {
      while (System.nanoTime() < end) {
        socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the broker
    }
    return false;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a test socket
    }
  }
}

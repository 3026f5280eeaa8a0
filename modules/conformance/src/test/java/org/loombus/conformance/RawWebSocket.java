package org.loombus.conformance;

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

package org.loombus.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.loombus.testkit.Peer;

/**
 * A scripted broker for checking the client's bytes: a loopback TCP listener whose accepted peer
 * is read and written by the test itself. Every read has a deadline, so a byte the client fails
 * to send fails the test instead of hanging it.
 */
final class FakeBroker implements AutoCloseable {
  private static final int WAIT_MILLIS = 5000;
  private final ServerSocket server;

  FakeBroker() {
    try {
      server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      server.setSoTimeout(WAIT_MILLIS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the address clients connect to */
  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** @return the next connection, without any handshake */
  Peer accept() {
    try {
      Socket s = server.accept();
      s.setSoTimeout(WAIT_MILLIS);
      return new Peer(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing to clean up
    }
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
  }

  /** The broker's end of one client connection. */
  static final class Peer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
    }

    /** Runs the broker side of a successful handshake, checking every byte the client sends. */
    void handshake(String name) {
      write("EB 01 00");
      assertEquals("EB 01 00", hex(read(3)));
      write("01");
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(new byte[] {(byte) n.length, (byte) (n.length >> 8)}, read(2));
      assertEquals(name, new String(read(n.length), StandardCharsets.UTF_8));
      write("01");
    }

    /**
     * @param n bytes
     * @return exactly {@code n} bytes from the client, waiting at most 5 s
     */
    byte[] read(int n) {
      byte[] b = new byte[n];
      try {
        in.readFully(b);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the client sent no " + n + " bytes in time");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b;
    }

    /** @param hexBytes bytes to send to the client, e.g. {@code "FE 01 00 00 00 01"} */
    void write(String hexBytes) {
      write(hex(hexBytes));
    }

    void write(byte[] bytes) {
      try {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** @return whether the client closed the connection within 5 s (bytes before EOF are skipped) */
    boolean awaitEof() {
      try {
        while (in.read() >= 0) {
          // skip whatever the client still sent
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the client
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing to clean up
      }
    }
  }
}

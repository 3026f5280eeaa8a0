package org.loombus.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.HexFormat;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Handshake;

/** Blocking byte helpers over a socket channel, and the client side of the handshake. */
final class Wire {
  private Wire() {}

  /**
   * Connects and registers a client (docs/protocol.md §1.2).
   *
   * @param broker the broker's Unix socket
   * @param name the client name
   * @return the registered connection
   * @throws IOException if the broker cannot be reached or refuses the name
   */
  static SocketChannel register(UnixDomainSocketAddress broker, String name) throws IOException {
    SocketChannel ch;
    try {
      ch = SocketChannel.open(broker);
    } catch (IOException e) {
      throw new IOException("cannot connect to the broker at " + broker.getPath() + ": " + e, e);
    }
    try {
      ByteBuffer greeting = ByteBuffer.allocate(3);
      readFully(ch, greeting);
      if (!Handshake.isValidGreeting(greeting.array())) {
        throw new IOException(
            "not a BUS/RT broker: greeting " + HexFormat.of().formatHex(greeting.array()));
      }
      writeFully(ch, greeting.flip());
      expectOk(ch, "greeting");
      writeFully(ch, ByteBuffer.wrap(Handshake.encodeName(name)));
      expectOk(ch, "registration of " + name);
      return ch;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static void expectOk(SocketChannel ch, String step) throws IOException {
    ByteBuffer status = ByteBuffer.allocate(1);
    readFully(ch, status);
    if (status.get(0) != ResultCode.OK) {
      throw new IOException(step + " refused with status " + (status.get(0) & 0xFF));
    }
  }

  /**
   * Closes the way a well-behaved client does: end of stream first, then reads until the peer has
   * closed too, so that bytes still arriving do not turn the close into a reset. At the deadline
   * it closes anyway.
   *
   * @param ch a connection, closed on return
   * @param deadline {@link System#nanoTime()} by which to give up waiting
   */
  static void hangUp(SocketChannel ch, long deadline) {
    try (ch) {
      ch.shutdownOutput();
      ch.configureBlocking(false);
      ByteBuffer sink = ByteBuffer.allocate(4096);
      while (ch.read(sink.clear()) >= 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    } catch (IOException alreadyClosed) {
      // nothing left to be polite about
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @param ch a blocking channel
   * @param b bytes to write; all of them are written
   * @throws IOException if the write fails
   */
  static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  /**
   * @param ch a blocking channel
   * @param b filled completely
   * @throws IOException if the write fails or the peer closes first
   */
  static void readFully(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new EOFException("connection closed by the peer");
      }
    }
  }
}

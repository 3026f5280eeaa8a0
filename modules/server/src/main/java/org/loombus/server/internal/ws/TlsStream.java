package org.loombus.server.internal.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS over an accepted TCP channel, as the JDK's {@link SSLSocket} layered on the channel's
 * socket. It is closed by closing the channel: closing an SSL socket sends close_notify, which
 * could block behind a stalled writer, and a close must never block the thread that closes.
 */
final class TlsStream implements ByteStream {
  /** Most bytes per write call: one TLS record, so a slow reader still shows progress. */
  private static final int WRITE_CHUNK = 16384;
  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;
  /** Copy of a direct buffer's bytes; writes are serialised by the caller, so one suffices. */
  private byte[] chunk;

  private TlsStream(SocketChannel channel, SSLSocket socket) throws IOException {
    this.channel = channel;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Runs the server side of the TLS handshake.
   *
   * @param channel a connected, blocking channel
   * @param context the server's certificate and key
   * @return the stream, after a completed handshake
   * @throws IOException if the handshake failed
   */
  static TlsStream accept(SocketChannel channel, SSLContext context) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket(channel.socket(), null, channel.socket().getPort(), false);
    socket.setUseClientMode(false);
    socket.startHandshake();
    return new TlsStream(channel, socket);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (dst.hasArray()) {
      int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
      return n;
    }
    // Only the reader reads; the transport reads into heap buffers, so this is the odd case.
    byte[] b = new byte[Math.min(dst.remaining(), WRITE_CHUNK)];
    int n = in.read(b);
    if (n > 0) {
      dst.put(b, 0, n);
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = Math.min(src.remaining(), WRITE_CHUNK);
    if (src.hasArray()) {
      out.write(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.position() + n);
    } else {
      if (chunk == null) {
        chunk = new byte[WRITE_CHUNK];
      }
      src.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
    out.flush();
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

package org.loombus.server.internal.ws;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The connection under a WebSocket: plain TCP or TLS. Reads and writes may run at once on two
 * threads; {@link #close} from any thread fails both promptly.
 */
interface ByteStream extends Closeable {
  /**
   * @param dst where the bytes go
   * @return bytes read, or -1 at the end of the stream
   * @throws IOException if the connection failed
   */
  int read(ByteBuffer dst) throws IOException;

  /**
   * Writes some of {@code src}, blocking until at least one byte is taken.
   *
   * @param src the bytes
   * @return bytes taken
   * @throws IOException if the connection failed
   */
  int write(ByteBuffer src) throws IOException;

  /**
   * Writes all of {@code src}.
   *
   * @param src the bytes
   * @throws IOException if the connection failed
   */
  default void writeFully(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      write(src);
    }
  }
}

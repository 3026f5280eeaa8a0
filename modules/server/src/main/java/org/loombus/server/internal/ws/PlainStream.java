package org.loombus.server.internal.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A blocking TCP channel, which reads and writes concurrently and closes from any thread. */
final class PlainStream implements ByteStream {
  private final SocketChannel channel;

  PlainStream(SocketChannel channel) {
    this.channel = channel;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return channel.write(src);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

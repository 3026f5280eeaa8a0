package org.loombus.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.ClientKind;
import org.loombus.broker.PeerCredentials;
import org.loombus.broker.Transport;

/**
 * A client connection held in memory: reads return a fixed byte stream, at most {@code chunk}
 * bytes per call (so the broker meets every way a stream can be split), then end of stream;
 * writes are recorded. Once closed, from any thread, reads and writes fail as on a closed socket
 * channel. Reads never block, so serving a stream always ends.
 */
public final class MemoryTransport implements Transport {
  private final byte[] input;
  private final int chunk;
  /** Next byte to read; only the broker's reading thread touches it. */
  private int position;
  /** Guards {@link #output}: the broker's reader and writer threads both write. */
  private final ReentrantLock lock = new ReentrantLock();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private volatile boolean open = true;

  /**
   * @param input what the client sends
   * @param chunk most bytes one read returns; 0 for no limit
   */
  public MemoryTransport(byte[] input, int chunk) {
    this.input = input;
    this.chunk = chunk <= 0 ? Integer.MAX_VALUE : chunk;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (position == input.length) {
      return -1;
    }
    int n = Math.min(Math.min(dst.remaining(), chunk), input.length - position);
    dst.put(input, position, n);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    lock.lock();
    try {
      if (!open) {
        throw new ClosedChannelException();
      }
      int n = src.remaining();
      byte[] b = new byte[n];
      src.get(b);
      output.writeBytes(b);
      return n;
    } finally {
      lock.unlock();
    }
  }

  /** @return every byte the broker has written so far */
  public byte[] written() {
    lock.lock();
    try {
      return output.toByteArray();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      open = false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ClientKind kind() {
    return ClientKind.LOCAL_IPC;
  }

  @Override
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.empty();
  }

  @Override
  public Optional<PeerCredentials> credentials() {
    return Optional.of(new PeerCredentials("fuzz", "fuzz"));
  }

  @Override
  public String listener() {
    return "memory";
  }
}

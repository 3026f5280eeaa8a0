package org.loombus.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Pings (docs/protocol.md §1.7) connections that never write on their own, every 500 ms, so that a
 * broker does not drop them as idle (after 1.25 T, which is 1.25 s with the library default T).
 * Only for connections no other thread writes to.
 */
final class Keepalive implements AutoCloseable {
  private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final byte[] PING = new byte[9];

  private final List<SocketChannel> channels;
  private final Thread thread;
  private volatile boolean stopped;

  /** @param channels the connections to keep alive; pinging starts at once */
  Keepalive(List<SocketChannel> channels) {
    this.channels = List.copyOf(channels);
    this.thread = Thread.ofPlatform().daemon().name("bench-keepalive").start(this::loop);
  }

  private void loop() {
    while (!stopped) {
      LockSupport.parkNanos(INTERVAL_NANOS);
      for (SocketChannel ch : channels) {
        if (stopped) {
          return;
        }
        try {
          Wire.writeFully(ch, ByteBuffer.wrap(PING));
        } catch (IOException closed) {
          // the run has ended or failed; its own thread reports why
        }
      }
    }
  }

  /**
   * Stops pinging; returns once no ping is being written, so that a hang-up cannot cut one in
   * half.
   */
  @Override
  public void close() {
    stopped = true;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}

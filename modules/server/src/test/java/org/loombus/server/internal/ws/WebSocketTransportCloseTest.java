package org.loombus.server.internal.ws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.broker.Transport;

/**
 * The bounds of the broker's close frame, over a loopback connection whose client end never
 * reads: closing never waits for a writer stuck inside a frame, and the close frame's own write
 * is cut off at the write deadline.
 */
class WebSocketTransportCloseTest {
  /** More than the two ends' socket buffers hold, so a write of it blocks. */
  private static final int BIG = 8 << 20;

  /** A server end with small buffers, whose client end never reads. */
  private record Pair(SocketChannel client, SocketChannel server) implements AutoCloseable {
    static Pair open() throws IOException {
      try (ServerSocketChannel listener = ServerSocketChannel.open()) {
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        SocketChannel client = SocketChannel.open();
        client.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        client.connect(listener.getLocalAddress());
        SocketChannel server = listener.accept();
        server.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
        return new Pair(client, server);
      }
    }

    WebSocketTransport transport(Duration writeDeadline) throws IOException {
      return new WebSocketTransport(server, new PlainStream(server), ByteBuffer.allocate(0),
          1 << 20, "ws://127.0.0.1:0/bus", writeDeadline.toNanos());
    }

    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }

  /** Runs {@code write} on a thread of its own; completes with what it threw, if anything. */
  private static CompletableFuture<Throwable> writing(IoAction write) {
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    Thread.ofPlatform().daemon().start(() -> {
      try {
        write.run();
        done.complete(null);
      } catch (IOException | RuntimeException e) {
        done.complete(e);
      }
    });
    return done;
  }

  private interface IoAction {
    void run() throws IOException;
  }

  @Test
  @DisplayName("a close from another thread while the writer is stuck inside a frame returns at"
      + " once and fails the writer; no close frame can go")
  void closeDoesNotWaitForAWriterInsideAFrame() throws Exception {
    try (Pair p = Pair.open()) {
      WebSocketTransport t = p.transport(Duration.ofSeconds(30));
      ByteBuffer frame = ByteBuffer.allocate(BIG);
      CompletableFuture<Throwable> writer = writing(() -> {
        while (frame.hasRemaining()) {
          t.write(frame);
        }
      });
      Thread.sleep(500); // the buffers are full: the writer is blocked with its frame begun
      assertFalse(writer.isDone(), "the writer is blocked");
      long start = System.nanoTime();
      t.close(Transport.Ending.POLICY);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < 1000, "close took " + tookMs + " ms");
      assertNotNull(writer.get(5, TimeUnit.SECONDS), "the writer's write failed");
      assertFalse(p.server().isOpen());
    }
  }

  @Test
  @DisplayName("a close frame the peer's full socket cannot take is cut off at the write deadline")
  void closeFrameWriteEndsAtTheWriteDeadline() throws Exception {
    try (Pair p = Pair.open()) {
      WebSocketTransport t = p.transport(Duration.ofMillis(300));
      // bytes beside the transport fill the buffers without holding its frame lock
      CompletableFuture<Throwable> filler = writing(() -> p.server().write(ByteBuffer.allocate(BIG)));
      Thread.sleep(500);
      assertFalse(filler.isDone(), "the buffers are full");
      long start = System.nanoTime();
      t.close(Transport.Ending.SHUTDOWN);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs >= 250 && tookMs < 3000, "close took " + tookMs + " ms, not about 300");
      filler.get(5, TimeUnit.SECONDS); // released by the close, with part of its bytes written
      assertFalse(p.server().isOpen());
    }
  }
}

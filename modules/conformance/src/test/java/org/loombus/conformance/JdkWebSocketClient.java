package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.loombus.testkit.RawClient;

/**
 * A BUS/RT client over the JDK's own WebSocket client ({@code java.net.http}), an implementation
 * independent of the broker's server: what arrives in binary messages is one byte stream, read by
 * the test in exact counts, as docs/protocol.md §1.1 says the bytes travel.
 */
final class JdkWebSocketClient implements AutoCloseable {
  private final HttpClient http;
  private final WebSocket ws;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private int consumed;

  private JdkWebSocketClient(HttpClient http, URI uri) {
    this.http = http;
    this.ws = http.newWebSocketBuilder().connectTimeout(RawClient.WAIT)
        .buildAsync(uri, new Listener()).orTimeout(RawClient.WAIT.toSeconds(), TimeUnit.SECONDS)
        .join();
  }

  /**
   * @param uri ws:// or wss:// URI
   * @param tls trust for wss://, or {@code null}
   * @return the connected client (upgraded, no BUS/RT byte exchanged yet)
   */
  static JdkWebSocketClient connect(URI uri, SSLContext tls) {
    HttpClient.Builder b = HttpClient.newBuilder();
    if (tls != null) {
      b.sslContext(tls);
    }
    return new JdkWebSocketClient(b.build(), uri);
  }

  /**
   * Connects and does the BUS/RT handshake, the name length and the name in two messages as the
   * reference client writes them.
   */
  static JdkWebSocketClient register(URI uri, SSLContext tls, String name) {
    JdkWebSocketClient c = connect(uri, tls);
    assertArrayEquals(Checks.hex("EB 01 00"), c.read(3));
    c.send(Checks.hex("EB 01 00"));
    assertArrayEquals(Checks.hex("01"), c.read(1));
    byte[] n = Checks.utf8(name);
    c.send(new byte[] {(byte) n.length, (byte) (n.length >> 8)});
    c.send(n);
    assertArrayEquals(Checks.hex("01"), c.read(1));
    return c;
  }

  /** Sends {@code bytes} as one binary message. */
  void send(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** Sends {@code bytes} as a message of several frames, {@code piece} bytes each. */
  void sendFragmented(byte[] bytes, int piece) {
    for (int off = 0; off < bytes.length; off += piece) {
      int n = Math.min(piece, bytes.length - off);
      ws.sendBinary(ByteBuffer.wrap(bytes, off, n), off + n == bytes.length)
          .orTimeout(5, TimeUnit.SECONDS).join();
    }
  }

  /** Sends a ping; the pong is not seen by the test, only that the stream goes on. */
  void ping(byte[] payload) {
    ws.sendPing(ByteBuffer.wrap(payload)).orTimeout(5, TimeUnit.SECONDS).join();
  }

  /** @return the next {@code n} bytes of the stream, waiting up to {@link RawClient#WAIT} */
  byte[] read(int n) {
    long end = System.nanoTime() + RawClient.WAIT.toNanos();
    synchronized (received) {
      while (received.size() - consumed < n) {
        long left = end - System.nanoTime();
        if (left <= 0 || closed.isDone() && received.size() - consumed < n) {
          throw new AssertionError("expected " + n + " bytes, have "
              + (received.size() - consumed) + (closed.isDone() ? " and the socket closed" : ""));
        }
        try {
          received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      byte[] all = received.toByteArray();
      byte[] out = java.util.Arrays.copyOfRange(all, consumed, consumed + n);
      consumed += n;
      return out;
    }
  }

  /** @return the next broker frame, keep-alive NOPs skipped (docs/protocol.md §2.5) */
  byte[] readFrameSkippingNops() {
    while (true) {
      byte[] head = read(6);
      if (head[0] == 0) {
        continue;
      }
      if ((head[0] & 0xFF) == 0xFE) {
        return head;
      }
      int len = (head[1] & 0xFF) | (head[2] & 0xFF) << 8 | (head[3] & 0xFF) << 16
          | (head[4] & 0xFF) << 24;
      return WebSocketTransportTest.concat(head, read(len));
    }
  }

  /**
   * @param bound how long to wait
   * @return the close status the broker sent, or -1 if the connection ended without one
   */
  int awaitClosed(Duration bound) {
    return closed.orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  /** Starts the closing handshake with status 1000. */
  void sendClose() {
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    ws.abort();
    http.close();
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      synchronized (received) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        received.writeBytes(b);
        received.notifyAll();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      closed.completeExceptionally(new AssertionError("the broker sent a text message"));
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      wake();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
      wake();
    }

    private void wake() {
      synchronized (received) {
        received.notifyAll();
      }
    }
  }
}

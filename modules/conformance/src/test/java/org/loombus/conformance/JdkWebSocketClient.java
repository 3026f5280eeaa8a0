package org.loombus.conformance;

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
 * independent of the broker's server: what arrives in binary messages is one byte stream
 * ({@link ReceivedBytes}), as docs/protocol.md §1.1 says the bytes travel.
 */
final class JdkWebSocketClient implements WebSocketTestClient {
  private final HttpClient http;
  private final WebSocket ws;
  private final ReceivedBytes received = new ReceivedBytes();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

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
    c.handshake(name);
    return c;
  }

  @Override
  public void send(byte[] bytes) {
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

  @Override
  public ReceivedBytes received() {
    return received;
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
      byte[] b = new byte[data.remaining()];
      data.get(b);
      received.add(b);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      closed.completeExceptionally(new AssertionError("the broker sent a text message"));
      received.end();
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      received.end();
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
      received.end();
    }
  }
}

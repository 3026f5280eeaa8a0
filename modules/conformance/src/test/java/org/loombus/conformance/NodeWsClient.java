package org.loombus.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Node.js's {@code ws} package (Debian's node-ws, under {@code /usr/share/nodejs}) as a second
 * WebSocket client independent of Loombus, run as a process through {@code ws-pipe.js}: the
 * test's messages go to its standard input as hex lines, what it receives comes back likewise.
 */
final class NodeWsClient implements WebSocketTestClient {
  static final Path NODE_MODULES = Path.of("/usr/share/nodejs");
  private static final HexFormat HEX = HexFormat.of();
  private final Process process;
  private final PrintStream in;
  private final ReceivedBytes received = new ReceivedBytes();
  private final CompletableFuture<Void> open = new CompletableFuture<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final List<String> other = new ArrayList<>();

  /** @return whether node and the ws package are installed (./dev test installs them) */
  static boolean available() {
    try {
      ProcessBuilder p = new ProcessBuilder("node", "-e", "require('ws')").redirectErrorStream(true);
      p.environment().put("NODE_PATH", NODE_MODULES.toString());
      Process started = p.start();
      started.getInputStream().readAllBytes();
      return started.waitFor(30, TimeUnit.SECONDS) && started.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * @param dir where the script (and the CA file) are written
   * @param uri ws:// or wss:// URI
   * @param caPem the broker's certificate in PEM for wss://, or {@code null}
   * @return the connected client
   */
  static NodeWsClient connect(Path dir, URI uri, String caPem) {
    try {
      Path script = dir.resolve("ws-pipe.js");
      try (InputStream s = NodeWsClient.class.getResourceAsStream("/ws-pipe.js")) {
        Files.write(script, s.readAllBytes());
      }
      List<String> cmd = new ArrayList<>(List.of("node", script.toString(), uri.toString()));
      if (caPem != null) {
        cmd.add(Files.writeString(dir.resolve("ca.pem"), caPem).toString());
      }
      ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
      b.environment().put("NODE_PATH", NODE_MODULES.toString());
      NodeWsClient c = new NodeWsClient(b.start());
      c.open.orTimeout(20, TimeUnit.SECONDS).join();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private NodeWsClient(Process process) {
    this.process = process;
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
    Thread.ofPlatform().daemon().name("node-ws-out").start(this::pump);
  }

  private void pump() {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("open")) {
          open.complete(null);
        } else if (line.startsWith("bin ")) {
          received.add(HEX.parseHex(line.substring(4)));
        } else if (line.startsWith("close ")) {
          closed.complete(Integer.parseInt(line.substring(6)));
        } else {
          synchronized (other) {
            other.add(line);
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    received.end();
    open.completeExceptionally(new AssertionError("node ws client failed: " + other));
    closed.complete(-1);
  }

  @Override
  public void send(byte[] bytes) {
    in.println(HEX.formatHex(bytes));
  }

  @Override
  public ReceivedBytes received() {
    return received;
  }

  /** Starts the closing handshake with status 1000. */
  void sendClose() {
    in.println("close");
  }

  /** @return the close status the client saw, within 10 s */
  int awaitClosed() {
    return closed.orTimeout(10, TimeUnit.SECONDS).join();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

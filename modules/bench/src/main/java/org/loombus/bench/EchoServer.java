package org.loombus.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The far end of the raw two-process ping-pong baseline: echoes every byte on every connection,
 * one platform thread each, with plain blocking reads and writes. What a round trip between two
 * processes costs on this machine without any broker in between.
 */
public final class EchoServer {
  private EchoServer() {}

  /**
   * @param args the Unix socket path to listen on
   * @throws IOException if it cannot listen
   */
  public static void main(String[] args) throws IOException {
    Path path = Path.of(args[0]);
    Files.deleteIfExists(path);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      System.out.println("listening");
      while (true) {
        SocketChannel ch = server.accept();
        Thread.ofPlatform().daemon().start(() -> echo(ch));
      }
    }
  }

  private static void echo(SocketChannel ch) {
    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
    try (ch) {
      while (ch.read(b) >= 0) {
        b.flip();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        b.clear();
      }
    } catch (IOException e) {
      // the bench closed its end
    }
  }
}

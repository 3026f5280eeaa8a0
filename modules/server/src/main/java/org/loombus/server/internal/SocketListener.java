package org.loombus.server.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import org.loombus.broker.ClientKind;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.log.ThrottledLog;
import org.loombus.server.BindAddress;
import org.loombus.server.ConnectionServer;
import org.loombus.server.internal.ws.WebSocketAcceptor;

/**
 * One bound Unix, TCP or WebSocket socket: an accept loop, and for every accepted client one
 * thread (virtual by default) that hands the connection to its {@link ConnectionServer}, after
 * the WebSocket upgrade for a WebSocket listener.
 */
public final class SocketListener implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.loombus.server");
  /** Wait between accepts while accepting fails. */
  private static final Duration ACCEPT_RETRY = Duration.ofMillis(100);
  private final BindAddress address;
  private final ServerSocketChannel server;
  private final ThreadFactory threads;
  private final ConnectionServer connections;
  private final ClientKind kind;
  private final WebSocketAcceptor webSocket;
  /** A flood of connections failing before the handshake must not flood the log. */
  private final ThrottledLog lostLog =
      new ThrottledLog(LOG, "connections lost before the handshake");
  private volatile boolean closed;

  private SocketListener(BindAddress address, ServerSocketChannel server, ThreadFactory threads,
      ConnectionServer connections, WebSocketAcceptor webSocket) {
    this.address = address;
    this.server = server;
    this.threads = threads;
    this.connections = connections;
    this.webSocket = webSocket;
    this.kind = switch (address.kind()) {
      case UNIX -> ClientKind.LOCAL_IPC;
      case WEBSOCKET -> ClientKind.WEBSOCKET;
      default -> ClientKind.TCP;
    };
  }

  /**
   * Binds the address; for a Unix socket a stale socket file is removed first.
   *
   * @param address where to listen
   * @param threads where each connection's thread comes from
   * @param connections what serves each connection
   * @param mode permissions of a Unix socket file, or {@code null}
   * @param group owning group of a Unix socket file, or {@code null}
   * @param webSocket what upgrades the connections of a WebSocket address, else {@code null};
   *     closed with the listener
   * @return the bound listener (not yet accepting)
   * @throws IOException with a one-line reason if binding fails
   */
  public static SocketListener bind(BindAddress address, ThreadFactory threads,
      ConnectionServer connections, Set<PosixFilePermission> mode, String group,
      WebSocketAcceptor webSocket) throws IOException {
    ServerSocketChannel ch;
    if (address.kind() == BindAddress.Kind.UNIX) {
      removeStaleSocket(address.path());
      ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        bindUnix(ch, address.path(), mode, group);
      } catch (IOException e) {
        ch.close();
        throw new IOException("cannot bind Unix socket " + address.path() + ": " + e.getMessage(), e);
      }
    } else {
      ch = ServerSocketChannel.open();
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      try {
        ch.bind(new InetSocketAddress(address.host(), address.port()), 1024);
      } catch (IOException e) {
        ch.close();
        if (webSocket != null) {
          webSocket.close();
        }
        throw new IOException("cannot bind " + (webSocket != null ? "" : "TCP ")
            + address.text() + ": " + e.getMessage(), e);
      }
    }
    return new SocketListener(address, ch, threads, connections, webSocket);
  }

  /**
   * Binds under a temporary name, sets mode and group, then renames the file into place, so no
   * client can connect before the permissions hold.
   */
  private static void bindUnix(ServerSocketChannel ch, Path path, Set<PosixFilePermission> mode,
      String group) throws IOException {
    if (mode == null && group == null) {
      ch.bind(UnixDomainSocketAddress.of(path), 1024);
      return;
    }
    Path tmp = path.resolveSibling(path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(tmp);
    ch.bind(UnixDomainSocketAddress.of(tmp), 1024);
    try {
      if (mode != null) {
        Files.setPosixFilePermissions(tmp, mode);
      }
      if (group != null) {
        GroupPrincipal g = tmp.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(tmp, PosixFileAttributeView.class).setGroup(g);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e instanceof UserPrincipalNotFoundException
          ? new IOException("no group '" + group + "'", e) : e;
    }
  }

  /**
   * A socket file left by a broker that died is removed; a live broker's socket, or a file that is
   * not a socket, is an error rather than something to delete.
   */
  private static void removeStaleSocket(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    BasicFileAttributes attrs =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isOther()) {
      throw new IOException("cannot bind Unix socket " + path + ": a file that is not a socket is in the way");
    }
    boolean live;
    try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      live = true;
    } catch (IOException refused) {
      live = false;
    }
    if (live) {
      throw new IOException("cannot bind Unix socket " + path + ": another process is listening on it");
    }
    Files.deleteIfExists(path);
  }

  /** @return the address as configured */
  public BindAddress address() {
    return address;
  }

  /** @return the bound TCP address (the real port when 0 was asked), or {@code null} for Unix */
  public InetSocketAddress tcpAddress() {
    try {
      return kind != ClientKind.LOCAL_IPC ? (InetSocketAddress) server.getLocalAddress() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Accepts clients until closed; runs on the calling thread. An accept that fails (typically: no
   * file descriptor left) fails again at once while the cause lasts, so the loop waits
   * {@link #ACCEPT_RETRY} between attempts and logs one line when accepting stops working and one
   * when it works again, rather than spinning and logging on every attempt.
   */
  public void acceptLoop() {
    int failures = 0;
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        if (failures++ == 0) {
          LOG.log(Level.ERROR, "accept on {0} failed: {1}; retrying every {2} ms", address,
              e.getMessage(), ACCEPT_RETRY.toMillis());
        }
        pause();
        continue;
      }
      if (failures > 0) {
        LOG.log(Level.WARNING, "accepting on {0} again after {1} failed attempts", address,
            failures);
        failures = 0;
      }
      threads.newThread(() -> serve(ch)).start();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(ACCEPT_RETRY);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(SocketChannel ch) {
    Transport transport;
    String from = from(ch); // before a closing deadline makes the peer unknown
    try {
      if (kind != ClientKind.LOCAL_IPC) {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      }
      transport = webSocket != null ? webSocket.open(ch)
          : new ChannelTransport(ch, kind, address.text());
    } catch (IOException e) {
      lostLog.log(Level.INFO, "connection on {0}{1} lost before the handshake: {2}", address,
          from, e.getMessage());
      closeQuietly(ch);
      return;
    }
    try {
      connections.serve(transport);
    } finally {
      closeQuietly(transport);
    }
  }

  /** @return " from ip:port" of a TCP peer, for the log line */
  private String from(SocketChannel ch) {
    if (kind == ClientKind.LOCAL_IPC) {
      return "";
    }
    try {
      InetSocketAddress a = (InetSocketAddress) ch.getRemoteAddress();
      String host = a.getAddress().getHostAddress();
      return " from " + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    if (webSocket != null) {
      webSocket.close();
    }
    if (address.kind() == BindAddress.Kind.UNIX) {
      try {
        Files.deleteIfExists(address.path());
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot remove socket file {0}: {1}", address.path(), e.getMessage());
      }
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing a broken channel
    }
  }
}

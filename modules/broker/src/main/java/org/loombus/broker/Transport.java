package org.loombus.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.util.Optional;

/**
 * A client connection as the broker sees it: a blocking byte channel plus what is known about the
 * peer. {@link #read} and {@link #write} block; {@link #close} from another thread must make a
 * blocked read or write fail promptly (JDK socket channels do).
 */
public interface Transport extends ByteChannel {

  /**
   * Why the broker ends a connection, for a transport that can tell its peer (a WebSocket close
   * frame carries it as its status code, RFC 6455 §7.4.1).
   */
  enum Ending {
    /** The session ended without anyone at fault (its primary left, say): 1000. */
    NORMAL,
    /** The broker is shutting down: 1001, going away. */
    SHUTDOWN,
    /** The rules, a limit or an operator refused or ended the client: 1008, policy violation. */
    POLICY,
    /** The client broke BUS/RT: 1002, protocol error. */
    PROTOCOL,
    /** The client announced a frame beyond the payload size limit: 1009, message too big. */
    TOO_BIG,
    /** The broker failed serving the client: 1011, internal error. */
    INTERNAL
  }

  /**
   * Closes the connection after telling the peer why, where the transport can; like
   * {@link #close()} it makes a blocked read or write fail, and it must not hold the caller (which
   * may be a thread the broker shares) longer than a short bound. Only the first call's reason
   * counts. Transports that cannot tell the peer just close.
   *
   * @param why the reason to tell the peer
   * @throws IOException if closing failed
   */
  default void close(Ending why) throws IOException {
    close();
  }

  /** @return how the client is attached */
  ClientKind kind();

  /** @return the peer's socket address for network transports, empty for Unix sockets */
  Optional<InetSocketAddress> remoteAddress();

  /** @return the peer's credentials where the transport knows them (Unix sockets) */
  Optional<PeerCredentials> credentials();

  /** @return the bind string of the listener that accepted the connection, e.g. {@code /tmp/x.sock} */
  String listener();

  /** @return a short description of the peer for log lines */
  default String describePeer() {
    return remoteAddress()
        .map(a -> kind().wireName() + " " + source())
        .orElseGet(() -> kind().wireName() + " " + listener()
            + credentials().map(c -> " uid=" + c.user()).orElse(""));
  }

  /** @return {@code ip:port} ({@code [ip]:port} for IPv6) of a network peer, or {@code null} */
  default String source() {
    return remoteAddress()
        .map(a -> {
          String host = a.getAddress().getHostAddress();
          return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
        })
        .orElse(null);
  }
}

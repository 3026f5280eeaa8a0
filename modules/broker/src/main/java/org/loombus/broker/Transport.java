package org.loombus.broker;

import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.util.Optional;

/**
 * A client connection as the broker sees it: a blocking byte channel plus what is known about the
 * peer. {@link #read} and {@link #write} block; {@link #close} from another thread must make a
 * blocked read or write fail promptly (JDK socket channels do).
 */
public interface Transport extends ByteChannel {

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

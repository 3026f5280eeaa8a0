package org.loombus.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.loombus.broker.ClientKind;
import org.loombus.broker.PeerCredentials;
import org.loombus.broker.Transport;

/** A blocking JDK socket channel (Unix domain or TCP) as a broker transport. */
public final class ChannelTransport implements Transport {
  private final SocketChannel channel;
  private final ClientKind kind;
  private final String listener;
  private final InetSocketAddress remote;
  private final PeerCredentials credentials;

  /**
   * @param channel a connected, blocking channel
   * @param kind {@link ClientKind#LOCAL_IPC} or {@link ClientKind#TCP}
   * @param listener the listener's bind string
   * @throws IOException if the peer cannot be queried
   */
  public ChannelTransport(SocketChannel channel, ClientKind kind, String listener)
      throws IOException {
    this.channel = channel;
    this.kind = kind;
    this.listener = listener;
    if (kind == ClientKind.TCP) {
      this.remote = (InetSocketAddress) channel.getRemoteAddress();
      this.credentials = null;
    } else {
      this.remote = null;
      UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      this.credentials = new PeerCredentials(p.user().getName(), p.group().getName());
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return channel.write(src);
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public ClientKind kind() {
    return kind;
  }

  @Override
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.ofNullable(remote);
  }

  @Override
  public Optional<PeerCredentials> credentials() {
    return Optional.ofNullable(credentials);
  }

  @Override
  public String listener() {
    return listener;
  }
}

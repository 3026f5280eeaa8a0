package org.loombus.management;

import java.time.temporal.ChronoUnit;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ConnectionHandle;

/**
 * {@link ClientMXBean} of one client name. Reads are live while the client is registered; after it
 * left, its last figures stay until the bean is unregistered.
 */
final class ClientBean implements ClientMXBean {
  private final BrokerHandle broker;
  private final String name;
  private volatile ClientInfo last;
  private volatile boolean connected = true;

  ClientBean(BrokerHandle broker, ClientInfo first) {
    this.broker = broker;
    this.name = first.name();
    this.last = first;
  }

  private ClientInfo info() {
    // Socket clients have a handle to read directly; in-process ones only appear in the list.
    ClientInfo now = broker.connection(name).map(ConnectionHandle::info)
        .or(() -> broker.clients().stream().filter(c -> c.name().equals(name)).findFirst())
        .orElse(null);
    connected = now != null;
    if (now != null) {
      last = now;
    }
    return last;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String getKind() {
    return info().kind().wireName();
  }

  @Override
  public String getSource() {
    return info().source();
  }

  @Override
  public String getPort() {
    return info().port();
  }

  @Override
  public int getQueueDepth() {
    return info().queue();
  }

  @Override
  public long getFramesIn() {
    return info().rFrames();
  }

  @Override
  public long getBytesIn() {
    return info().rBytes();
  }

  @Override
  public long getFramesOut() {
    return info().wFrames();
  }

  @Override
  public long getBytesOut() {
    return info().wBytes();
  }

  @Override
  public int getInstances() {
    return info().instances();
  }

  @Override
  public String getConnectedSince() {
    return info().connectedSince().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  @Override
  public boolean isConnected() {
    info();
    return connected;
  }
}

package org.loombus.broker.internal;

import org.loombus.broker.ClientInfo;
import org.loombus.broker.Connection;
import org.loombus.broker.ConnectionException;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.Transport;

/** A registered socket client: served by {@link #run()}, inspected through its handle face. */
final class SocketConnection implements Connection, ConnectionHandle {
  private final SocketSession session;
  private final ClientEntry entry;

  SocketConnection(SocketSession session, ClientEntry entry) {
    this.session = session;
    this.entry = entry;
  }

  @Override
  public ConnectionHandle handle() {
    return this;
  }

  @Override
  public void run() throws ConnectionException {
    new FrameReader(session, entry).run();
  }

  @Override
  public String name() {
    return entry.name;
  }

  @Override
  public Transport transport() {
    return session.transport;
  }

  @Override
  public ClientInfo info() {
    return entry.info(session.core.registry.instances(entry));
  }

  @Override
  public boolean isConnected() {
    return session.core.isRegistered(entry);
  }

  @Override
  public void disconnect(String reason) {
    session.core.disconnect(entry, reason, true);
  }
}

package org.loombus.broker.internal.accept;

import org.loombus.broker.ClientInfo;
import org.loombus.broker.Connection;
import org.loombus.broker.ConnectionException;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.read.FrameReader;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.write.StreamOutbox;

/** A registered transport client: served by {@link #run()}, inspected through its handle face. */
final class TransportConnection implements Connection, ConnectionHandle {
  private final TransportSession session;
  private final ClientEntry entry;
  private final StreamOutbox outbox;

  TransportConnection(TransportSession session, ClientEntry entry, StreamOutbox outbox) {
    this.session = session;
    this.entry = entry;
    this.outbox = outbox;
  }

  @Override
  public ConnectionHandle handle() {
    return this;
  }

  @Override
  public void run() throws ConnectionException {
    new FrameReader(session.core, entry, outbox, session).run();
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
    return entry.info(session.core.instances(entry));
  }

  @Override
  public boolean isConnected() {
    return session.core.isRegistered(entry);
  }

  @Override
  public void disconnect(String reason) {
    session.core.disconnect(entry, reason, true, Transport.Ending.POLICY);
  }
}

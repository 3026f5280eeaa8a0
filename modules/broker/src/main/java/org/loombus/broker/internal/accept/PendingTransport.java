package org.loombus.broker.internal.accept;

import java.io.IOException;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.Connection;
import org.loombus.broker.HandshakeException;
import org.loombus.broker.LogText;
import org.loombus.broker.PendingConnection;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.route.ClientEntry;
import org.loombus.broker.internal.route.Registry;
import org.loombus.broker.internal.write.StreamOutbox;
import org.loombus.protocol.ResultCode;

/** A transport client after its handshake, waiting for the embedder's decision. */
final class PendingTransport implements PendingConnection {
  private final TransportSession session;
  private final String name;
  private boolean decided;

  PendingTransport(TransportSession session, String name) {
    this.session = session;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Transport transport() {
    return session.transport;
  }

  @Override
  public Connection accept(ClientAaa rules) throws HandshakeException {
    decide();
    StreamOutbox outbox = session.newOutbox();
    // The 01 goes first through the outbox, so no delivery queued the moment the client is
    // registered can overtake it, and a writer exists as soon as anyone can see the client.
    outbox.offerControl(new byte[] {ResultCode.OK}, true);
    Transport t = session.transport;
    ClientEntry e = new ClientEntry(name, t.kind(), t.source(), t.listener(), session.peer,
        outbox, session, rules);
    int code = session.core.register(e);
    if (code != ResultCode.OK) {
      boolean full = code == Registry.LIMIT_REACHED;
      int status = full ? ResultCode.BUSY : code;
      try {
        ServerHandshake.sendStatus(session, status);
      } catch (IOException ignored) {
        // the refusal is logged below either way
      }
      throw ServerHandshake.fail(session, status, "registration of '" + LogText.of(name) + "' refused: "
          + (full ? "the limit of " + session.core.config().maxClients() + " clients is reached"
              : ResultCode.describe(code)), Transport.Ending.POLICY);
    }
    TransportConnection connection = new TransportConnection(session, e, outbox);
    session.registered(e, outbox, connection);
    // If the 01 cannot be written, the writer unregisters the client again (no stale entry).
    session.core.config().threadFactory().newThread(() -> session.writeLoop(e, outbox)).start();
    return connection;
  }

  @Override
  public void reject(int resultCode, String reason) {
    decide();
    try {
      ServerHandshake.sendStatus(session, resultCode);
    } catch (IOException ignored) {
      // the refusal is logged below either way
    }
    ServerHandshake.fail(session, resultCode,
        "'" + LogText.of(name) + "' refused (" + ResultCode.describe(resultCode) + "): " + reason,
        Transport.Ending.POLICY);
  }

  private void decide() {
    if (decided) {
      throw new IllegalStateException("the connection was already accepted or rejected");
    }
    decided = true;
  }
}

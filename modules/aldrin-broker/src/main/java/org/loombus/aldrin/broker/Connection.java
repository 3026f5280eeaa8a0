package org.loombus.aldrin.broker;

import java.util.concurrent.atomic.AtomicBoolean;
import org.loombus.aldrin.broker.internal.ClientConnection;
import org.loombus.aldrin.broker.internal.Session;

/**
 * An accepted Aldrin client (its handshake agreed on a version and the {@link Admission} let it
 * in), from {@link AldrinBroker#connect}. It is on the bus already: what others send it is queued
 * for it. {@link #run} reads its messages until it leaves; call it exactly once, on the thread
 * that is to serve the client.
 */
public final class Connection {
  private final AldrinBroker broker;
  private final ClientConnection client;
  private final Session session;
  private final ConnectionHandle handle;
  private final AtomicBoolean ran = new AtomicBoolean();

  Connection(AldrinBroker broker, ClientConnection client, Session session,
      ConnectionHandle handle) {
    this.broker = broker;
    this.client = client;
    this.session = session;
    this.handle = handle;
  }

  /** @return a handle to shut this client down from any thread */
  public ConnectionHandle handle() {
    return handle;
  }

  /**
   * Serves the client until it sends {@code Shutdown}, its stream ends, or the broker drops it.
   * Blocks; the channel is closed on return.
   *
   * @throws IllegalStateException if it was called before
   */
  public void run() {
    if (!ran.compareAndSet(false, true)) {
      throw new IllegalStateException("connection " + handle.id() + " is already served");
    }
    try {
      session.run();
    } finally {
      broker.leave(client);
    }
  }
}

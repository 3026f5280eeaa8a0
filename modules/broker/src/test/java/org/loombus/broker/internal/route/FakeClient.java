package org.loombus.broker.internal.route;

import java.util.ArrayList;
import java.util.List;
import org.loombus.broker.ClientKind;
import org.loombus.broker.Transport;

/** A routing-table entry backed by a {@link RecordingOutbox}, recording how it was detached. */
public final class FakeClient implements ClientEntry.Endpoint {
  public final RecordingOutbox outbox;
  public final ClientEntry entry;
  public final List<String> detached = new ArrayList<>();

  private FakeClient(String name, ClientKind kind, int capacity) {
    this.outbox = new RecordingOutbox(capacity);
    this.entry = new ClientEntry(name, kind, null, null, null, outbox, this, null);
  }

  /** @return a socket client (kind local_ipc) with an unbounded outbox */
  public static FakeClient socket(String name) {
    return new FakeClient(name, ClientKind.LOCAL_IPC, Integer.MAX_VALUE);
  }

  /** @return a socket client whose outbox holds at most {@code capacity} frames */
  public static FakeClient socket(String name, int capacity) {
    return new FakeClient(name, ClientKind.LOCAL_IPC, capacity);
  }

  /** @return an in-process client with an unbounded outbox */
  public static FakeClient internal(String name) {
    return new FakeClient(name, ClientKind.INTERNAL, Integer.MAX_VALUE);
  }

  @Override
  public void detach(String reason, Transport.Ending why) {
    detached.add(reason);
  }
}

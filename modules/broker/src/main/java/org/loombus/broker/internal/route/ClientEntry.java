package org.loombus.broker.internal.route;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.broker.ConnectionHandle;
import org.loombus.broker.LogText;
import org.loombus.broker.Transport;
import org.loombus.broker.internal.write.Outbox;
import org.loombus.protocol.wire.Handshake;

/** One registered client as the routing table knows it, socket or in-process. */
public final class ClientEntry {
  /** How the broker ends the client's attachment once it is unregistered. */
  public interface Endpoint {
    /**
     * Closes the transport or marks the in-process client closed; called once, outside locks.
     *
     * @param reason why, as logged
     * @param why why, as a transport tells its peer
     */
    void detach(String reason, Transport.Ending why);

    /** @return the handle of a transport client, {@code null} for an in-process one */
    default ConnectionHandle handle() {
      return null;
    }
  }

  public final String name;
  public final byte[] nameBytes;
  public final String primaryName;
  public final boolean secondary;
  public final ClientKind kind;
  public final String source;
  public final String port;
  public final String peer;
  public final Counters counters = new Counters();
  public final Outbox outbox;
  public final Endpoint endpoint;
  /** Access rules frozen at connect time; {@code null} when none apply (docs/protocol.md §6.2). */
  public final ClientAaa aaa;
  /** Taken just before registration, which follows at once. */
  public final Instant connectedSince = Instant.now();

  // Guarded by Registry.lock:
  ClientEntry primary;
  final List<ClientEntry> secondaries = new ArrayList<>(0);
  final Set<String> subscriptions = new HashSet<>();
  final Set<String> exclusions = new HashSet<>(0);
  /** The exclusions indexed for matching; {@code null} while there are none. */
  TopicTree<ClientEntry> excluded;
  /** Heap reserved from the memory budget for its subscriptions and exclusions. */
  long maskBytes;
  boolean registered;
  /** Publication pass that last selected this client, so each receives a publication once. */
  long mark;

  /**
   * @param name full name
   * @param kind how it is attached
   * @param source {@code ip:port} of a network peer, or {@code null}
   * @param port the listener's bind string, or {@code null}
   * @param peer the peer as log lines describe it, or {@code null} for in-process clients
   * @param outbox where its frames wait
   * @param endpoint how its attachment ends
   * @param aaa its access rules, or {@code null} for none
   */
  public ClientEntry(
      String name, ClientKind kind, String source, String port, String peer, Outbox outbox,
      Endpoint endpoint, ClientAaa aaa) {
    this.name = name;
    this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    this.primaryName = Handshake.primaryOf(name);
    this.secondary = Handshake.isSecondary(name);
    this.kind = kind;
    this.source = source;
    this.port = port;
    this.peer = peer;
    this.outbox = outbox;
    this.endpoint = endpoint;
    this.aaa = aaa;
  }

  /** @return "name (peer)" for log lines, the name escaped ({@link LogText}) */
  public String describe() {
    return peer == null ? LogText.of(name) : LogText.of(name) + " (" + peer + ")";
  }

  public ClientInfo info(int instances) {
    return new ClientInfo(
        name, kind, source, port, counters.rFrames(), counters.rBytes(), counters.wFrames(),
        counters.wBytes(), outbox.queued(), instances, connectedSince);
  }
}

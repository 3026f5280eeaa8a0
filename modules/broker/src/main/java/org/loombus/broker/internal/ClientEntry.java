package org.loombus.broker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientInfo;
import org.loombus.broker.ClientKind;
import org.loombus.protocol.Handshake;

/** One registered client as the routing table knows it, socket or in-process. */
final class ClientEntry {
  /** How the broker ends the client's attachment once it is unregistered. */
  interface Endpoint {
    /**
     * Closes the transport or marks the in-process client closed; called once, outside locks.
     *
     * @param reason why, as logged
     */
    void detach(String reason);
  }

  final String name;
  final byte[] nameBytes;
  final String primaryName;
  final boolean secondary;
  final ClientKind kind;
  final String source;
  final String port;
  final String peer;
  final Counters counters = new Counters();
  final Outbox outbox;
  final Endpoint endpoint;
  /** Access rules frozen at connect time; {@code null} when none apply (spec §6.2). */
  final ClientAaa aaa;
  /** Taken just before registration, which follows at once. */
  final Instant connectedSince = Instant.now();

  // Guarded by Registry.lock:
  ClientEntry primary;
  final List<ClientEntry> secondaries = new ArrayList<>(0);
  final Set<String> subscriptions = new HashSet<>();
  final List<String> exclusions = new ArrayList<>(0);
  boolean registered;
  /** Publication pass that last selected this client, so each receives a publication once. */
  long mark;

  ClientEntry(
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

  /** @return "name (peer)" for log lines */
  String describe() {
    return peer == null ? name : name + " (" + peer + ")";
  }

  ClientInfo info(int instances) {
    return new ClientInfo(
        name, kind, source, port, counters.rFrames(), counters.rBytes(), counters.wFrames(),
        counters.wBytes(), outbox.queued(), instances, connectedSince);
  }
}

package org.loombus.aldrin.broker.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.loombus.aldrin.protocol.ProtocolVersion;

/**
 * What one client owns and follows in the routing table. Only the {@link Router} touches it, under
 * its lock. Insertion-ordered sets keep the order of derived messages reproducible.
 */
final class ClientState {
  final ClientConnection connection;
  final ProtocolVersion version;
  /** False once removed: nothing more is sent to it. */
  boolean active = true;
  /** Why it is being removed, if the broker removes it (logged once). */
  String dropReason;
  final Set<UUID> objects = new LinkedHashSet<>();
  final Map<UUID, Set<Integer>> events = new LinkedHashMap<>();
  final Set<UUID> allEvents = new LinkedHashSet<>();
  final Set<UUID> subscriptions = new LinkedHashSet<>();
  final Set<UUID> senders = new LinkedHashSet<>();
  final Set<UUID> receivers = new LinkedHashSet<>();
  final Set<UUID> busListeners = new LinkedHashSet<>();
  /** Caller serial to the broker's serial of the forwarded call. */
  final Map<Integer, Integer> calls = new LinkedHashMap<>();

  ClientState(ClientConnection connection, ProtocolVersion version) {
    this.connection = connection;
    this.version = version;
  }

  boolean isSubscribedToEvent(UUID service, int event) {
    if (allEvents.contains(service)) {
      return true;
    }
    Set<Integer> s = events.get(service);
    return s != null && s.contains(event);
  }

  void unsubscribeEvent(UUID service, int event) {
    Set<Integer> s = events.get(service);
    if (s != null) {
      s.remove(event);
      if (s.isEmpty()) {
        events.remove(service);
      }
    }
  }

  boolean atLeast(ProtocolVersion v) {
    return version.isAtLeast(v);
  }

  @Override
  public String toString() {
    return connection.toString();
  }
}

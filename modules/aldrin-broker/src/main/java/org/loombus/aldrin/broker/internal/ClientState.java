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
  /** What that removal counts as; null if no counter covers it. */
  DropCause dropCause;
  /** Set when its last message would have exceeded its entry limit, which is why it goes. */
  boolean overEntryLimit;
  final Set<UUID> objects = new LinkedHashSet<>();
  final Map<UUID, Set<Integer>> events = new LinkedHashMap<>();
  final Set<UUID> allEvents = new LinkedHashSet<>();
  final Set<UUID> subscriptions = new LinkedHashSet<>();
  final Set<UUID> senders = new LinkedHashSet<>();
  final Set<UUID> receivers = new LinkedHashSet<>();
  final Set<UUID> busListeners = new LinkedHashSet<>();
  /** Caller serial to the broker's serial of the forwarded call. */
  final Map<Integer, Integer> calls = new LinkedHashMap<>();
  /** Services on its objects. */
  int services;
  /** (service, event) pairs in {@link #events}. */
  int eventSubscriptions;
  /** Filters of its bus listeners. */
  int filters;
  /** Type ids it registered introspection for, and its queries waiting for an answer. */
  int introspectionEntries;

  ClientState(ClientConnection connection, ProtocolVersion version) {
    this.connection = connection;
    this.version = version;
  }

  /**
   * @return everything the client holds in the routing table; the broker bounds it, as no
   *     answer of the protocol can refuse a client for having too much
   */
  long footprint() {
    return (long) objects.size() + services + eventSubscriptions + allEvents.size()
        + subscriptions.size() + senders.size() + receivers.size() + busListeners.size()
        + filters + calls.size() + introspectionEntries;
  }

  void subscribeEvent(UUID service, int event) {
    if (events.computeIfAbsent(service, k -> new LinkedHashSet<>()).add(event)) {
      eventSubscriptions++;
    }
  }

  /** A service is gone: its event subscriptions and the service subscription go with it. */
  void forgetService(UUID service) {
    Set<Integer> s = events.remove(service);
    if (s != null) {
      eventSubscriptions -= s.size();
    }
    subscriptions.remove(service);
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
    if (s != null && s.remove(event)) {
      eventSubscriptions--;
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

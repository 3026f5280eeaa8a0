package org.loombus.aldrin.broker.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ServiceInfo;

/** The routing table's records of objects, services and calls. */
final class Entries {
  private Entries() {}

  /** An object: its owner and the cookies of its services. */
  static final class ObjectEntry {
    final ObjectId id;
    final ClientState owner;
    final Set<UUID> services = new LinkedHashSet<>();

    ObjectEntry(ObjectId id, ClientState owner) {
      this.id = id;
      this.owner = owner;
    }
  }

  /** A service, with its pending calls and who follows it. */
  static final class ServiceEntry {
    final ServiceId id;
    final ClientState owner;
    final ServiceInfo info;
    /** Broker serials of calls to it that are not answered yet. */
    final Set<Integer> calls = new LinkedHashSet<>();
    /** Event id to its subscribers. */
    final Map<Integer, Set<ClientState>> events = new LinkedHashMap<>();
    final Set<ClientState> allEvents = new LinkedHashSet<>();
    final Set<ClientState> subscriptions = new LinkedHashSet<>();

    ServiceEntry(ServiceId id, ClientState owner, ServiceInfo info) {
      this.id = id;
      this.owner = owner;
      this.info = info;
    }

    /** @return whether this was the event's first subscriber (the owner is told) */
    boolean subscribeEvent(int event, ClientState c) {
      Set<ClientState> subs = events.get(event);
      if (subs == null) {
        subs = new LinkedHashSet<>();
        subs.add(c);
        events.put(event, subs);
        return true;
      }
      subs.add(c);
      return false;
    }

    /** @return whether the event's last subscriber left (the owner is told) */
    boolean unsubscribeEvent(int event, ClientState c) {
      Set<ClientState> subs = events.get(event);
      if (subs == null) {
        return false;
      }
      subs.remove(c);
      if (subs.isEmpty()) {
        events.remove(event);
        return true;
      }
      return false;
    }

    /** @return whether this is the first all-events subscriber */
    boolean subscribeAllEvents(ClientState c) {
      boolean first = allEvents.isEmpty();
      allEvents.add(c);
      return first;
    }

    /** @return whether the last all-events subscriber left */
    boolean unsubscribeAllEvents(ClientState c) {
      boolean wasEmpty = allEvents.isEmpty();
      allEvents.remove(c);
      return !wasEmpty && allEvents.isEmpty();
    }

    /**
     * Who hears ServiceDestroyed: event subscribers and service subscribers, as aldrin-broker
     * (clients subscribed only to all events are not told).
     */
    Set<ClientState> subscribedClients() {
      Set<ClientState> all = new LinkedHashSet<>();
      events.values().forEach(all::addAll);
      all.addAll(subscriptions);
      return all;
    }
  }

  /** A forwarded call, under the broker's own serial. */
  static final class PendingCall {
    final int callerSerial;
    final ClientState caller;
    final ClientState callee;
    final UUID service;
    boolean aborted;

    PendingCall(int callerSerial, ClientState caller, ClientState callee, UUID service) {
      this.callerSerial = callerSerial;
      this.caller = caller;
      this.callee = callee;
      this.service = service;
    }
  }
}

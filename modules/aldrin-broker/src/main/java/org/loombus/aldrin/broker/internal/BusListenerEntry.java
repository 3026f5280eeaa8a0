package org.loombus.aldrin.broker.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.loombus.aldrin.protocol.BusEvent;
import org.loombus.aldrin.protocol.BusListenerFilter;
import org.loombus.aldrin.protocol.BusListenerScope;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ServiceId;

/** One bus listener: its owner, filters and, while started, its scope. */
final class BusListenerEntry {
  final ClientState owner;
  final Set<BusListenerFilter> filters = new LinkedHashSet<>();
  BusListenerScope scope;

  BusListenerEntry(ClientState owner) {
    this.owner = owner;
  }

  /** @return false if it was started already */
  boolean start(BusListenerScope s) {
    if (scope != null) {
      return false;
    }
    scope = s;
    return true;
  }

  /** @return false if it was not started */
  boolean stop() {
    boolean was = scope != null;
    scope = null;
    return was;
  }

  boolean matchesAllObjects() {
    return filters.contains(new BusListenerFilter.ObjectFilter(Optional.empty()));
  }

  /** Whether every filter names one object and one service, so matches can be looked up. */
  boolean onlySpecificServices() {
    for (BusListenerFilter f : filters) {
      if (!(f instanceof BusListenerFilter.ServiceFilter s)
          || s.object().isEmpty() || s.service().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  boolean matchesObject(ObjectId object) {
    for (BusListenerFilter f : filters) {
      if (matchesObject(f, object)) {
        return true;
      }
    }
    return false;
  }

  boolean matchesService(ServiceId service) {
    for (BusListenerFilter f : filters) {
      if (matchesService(f, service)) {
        return true;
      }
    }
    return false;
  }

  /** @return whether a started listener of scope new or all takes this event */
  boolean matchesNewEvent(BusEvent event) {
    if (scope == null || scope == BusListenerScope.CURRENT) {
      return false;
    }
    return switch (event) {
      case BusEvent.ObjectCreated e -> matchesObject(e.object());
      case BusEvent.ObjectDestroyed e -> matchesObject(e.object());
      case BusEvent.ServiceCreated e -> matchesService(e.service());
      case BusEvent.ServiceDestroyed e -> matchesService(e.service());
    };
  }

  private static boolean matchesObject(BusListenerFilter f, ObjectId object) {
    return f instanceof BusListenerFilter.ObjectFilter o
        && o.object().map(u -> u.equals(object.uuid())).orElse(true);
  }

  private static boolean matchesService(BusListenerFilter f, ServiceId service) {
    if (!(f instanceof BusListenerFilter.ServiceFilter s)) {
      return false;
    }
    Optional<UUID> obj = s.object();
    Optional<UUID> svc = s.service();
    return obj.map(u -> u.equals(service.object().uuid())).orElse(true)
        && svc.map(u -> u.equals(service.uuid())).orElse(true);
  }
}

package org.loombus.aldrin.broker.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.loombus.aldrin.broker.internal.Entries.ObjectEntry;
import org.loombus.aldrin.broker.internal.Entries.ServiceEntry;
import org.loombus.aldrin.protocol.AddBusListenerFilter;
import org.loombus.aldrin.protocol.BusEvent;
import org.loombus.aldrin.protocol.BusListenerCurrentFinished;
import org.loombus.aldrin.protocol.BusListenerFilter;
import org.loombus.aldrin.protocol.BusListenerScope;
import org.loombus.aldrin.protocol.ClearBusListenerFilters;
import org.loombus.aldrin.protocol.CreateBusListener;
import org.loombus.aldrin.protocol.CreateBusListenerReply;
import org.loombus.aldrin.protocol.DestroyBusListener;
import org.loombus.aldrin.protocol.DestroyBusListenerReply;
import org.loombus.aldrin.protocol.EmitBusEvent;
import org.loombus.aldrin.protocol.RemoveBusListenerFilter;
import org.loombus.aldrin.protocol.StartBusListener;
import org.loombus.aldrin.protocol.StartBusListenerReply;
import org.loombus.aldrin.protocol.StopBusListener;
import org.loombus.aldrin.protocol.StopBusListenerReply;

/**
 * Bus listeners: creation, filters (changed by the owner only), start with scope current, new or
 * all, stop, and the bus events. A started listener of scope current or all first gets every
 * matching object and then every matching service with its cookie, then {@code
 * BusListenerCurrentFinished}; later events go without cookie, once per client however many of
 * its listeners match. Runs under the {@link Router}'s lock.
 */
final class BusListeners {
  private final Router router;
  private final Map<UUID, BusListenerEntry> listeners = new LinkedHashMap<>();

  BusListeners(Router router) {
    this.router = router;
  }

  int size() {
    return listeners.size();
  }

  void addFilter(ClientState c, AddBusListenerFilter m) {
    ownedBy(c, m.cookie()).filter(l -> l.filters.add(m.filter())).ifPresent(l -> c.filters++);
  }

  void removeFilter(ClientState c, RemoveBusListenerFilter m) {
    ownedBy(c, m.cookie()).filter(l -> l.filters.remove(m.filter())).ifPresent(l -> c.filters--);
  }

  void clearFilters(ClientState c, ClearBusListenerFilters m) {
    ownedBy(c, m.cookie()).ifPresent(l -> {
      c.filters -= l.filters.size();
      l.filters.clear();
    });
  }

  private Optional<BusListenerEntry> ownedBy(ClientState c, UUID cookie) {
    BusListenerEntry l = listeners.get(cookie);
    return l != null && l.owner == c ? Optional.of(l) : Optional.empty();
  }

  void create(ClientState c, CreateBusListener m) {
    UUID cookie = UUID.randomUUID();
    if (router.send(c, new CreateBusListenerReply(m.serial(), cookie))) {
      c.busListeners.add(cookie);
      listeners.put(cookie, new BusListenerEntry(c));
    }
  }

  void destroy(ClientState c, DestroyBusListener m) {
    if (ownedBy(c, m.cookie()).isEmpty()) {
      router.send(c, new DestroyBusListenerReply(m.serial(),
          DestroyBusListenerReply.Result.INVALID_BUS_LISTENER));
    } else if (router.send(c, new DestroyBusListenerReply(m.serial(),
        DestroyBusListenerReply.Result.OK))) {
      remove(m.cookie());
    }
  }

  void remove(UUID cookie) {
    BusListenerEntry l = listeners.remove(cookie);
    if (l != null) {
      l.owner.busListeners.remove(cookie);
      l.owner.filters -= l.filters.size();
    }
  }

  void start(ClientState c, StartBusListener m) {
    Optional<BusListenerEntry> owned = ownedBy(c, m.cookie());
    if (owned.isEmpty()) {
      router.send(c, new StartBusListenerReply(m.serial(),
          StartBusListenerReply.Result.INVALID_BUS_LISTENER));
      return;
    }
    BusListenerEntry l = owned.get();
    if (!l.start(m.scope())) {
      router.send(c, new StartBusListenerReply(m.serial(),
          StartBusListenerReply.Result.ALREADY_STARTED));
      return;
    }
    if (!router.send(c, new StartBusListenerReply(m.serial(), StartBusListenerReply.Result.OK))
        || m.scope() == BusListenerScope.NEW) {
      return;
    }
    Optional<UUID> cookie = Optional.of(m.cookie());
    for (ObjectEntry o : currentObjects(l)) {
      if (!router.send(c, new EmitBusEvent(cookie, new BusEvent.ObjectCreated(o.id)))) {
        return;
      }
    }
    for (ServiceEntry s : currentServices(l)) {
      if (!router.send(c, new EmitBusEvent(cookie, new BusEvent.ServiceCreated(s.id)))) {
        return;
      }
    }
    router.send(c, new BusListenerCurrentFinished(m.cookie()));
  }

  // Specific object filters are looked up rather than matched against every object.
  private List<ObjectEntry> currentObjects(BusListenerEntry l) {
    if (l.matchesAllObjects()) {
      return router.objectsByCookie.values().stream().filter(o -> l.matchesObject(o.id)).toList();
    }
    Set<ObjectEntry> found = new LinkedHashSet<>();
    for (BusListenerFilter f : l.filters) {
      if (f instanceof BusListenerFilter.ObjectFilter(Optional<UUID> uuid) && uuid.isPresent()) {
        ObjectEntry o = router.objectsByUuid.get(uuid.get());
        if (o != null) {
          found.add(o);
        }
      }
    }
    return List.copyOf(found);
  }

  private List<ServiceEntry> currentServices(BusListenerEntry l) {
    if (!l.onlySpecificServices()) {
      return router.servicesByCookie.values().stream().filter(s -> l.matchesService(s.id))
          .toList();
    }
    Set<ServiceEntry> found = new LinkedHashSet<>();
    for (BusListenerFilter f : l.filters) {
      BusListenerFilter.ServiceFilter sf = (BusListenerFilter.ServiceFilter) f;
      ServiceEntry s = router.servicesByUuids.get(List.of(sf.object().get(), sf.service().get()));
      if (s != null) {
        found.add(s);
      }
    }
    return List.copyOf(found);
  }

  void stop(ClientState c, StopBusListener m) {
    Optional<BusListenerEntry> owned = ownedBy(c, m.cookie());
    StopBusListenerReply.Result result = owned.isEmpty()
        ? StopBusListenerReply.Result.INVALID_BUS_LISTENER
        : owned.get().stop() ? StopBusListenerReply.Result.OK
        : StopBusListenerReply.Result.NOT_STARTED;
    router.send(c, new StopBusListenerReply(m.serial(), result));
  }

  /** Sends a bus event to every client with a started listener that takes it, once each. */
  void emit(BusEvent event) {
    Set<ClientState> told = new LinkedHashSet<>();
    for (BusListenerEntry l : List.copyOf(listeners.values())) {
      if (l.matchesNewEvent(event) && told.add(l.owner)) {
        router.send(l.owner, new EmitBusEvent(Optional.empty(), event));
      }
    }
  }
}

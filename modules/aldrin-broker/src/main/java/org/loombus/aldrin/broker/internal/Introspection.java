package org.loombus.aldrin.broker.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.KeyType;
import org.loombus.aldrin.protocol.QueryIntrospection;
import org.loombus.aldrin.protocol.QueryIntrospectionReply;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.RegisterIntrospection;
import org.loombus.aldrin.protocol.ValueCodec;

/**
 * The introspection directory: which clients registered introspection for which type ids, the
 * first introspection obtained for each (kept while any registrant remains), and the queries
 * waiting for it. One registrant at a time is asked; when it answers {@code Unavailable} or
 * leaves, the next is. Where aldrin-broker picks a registrant at random, this takes the oldest,
 * so a run is reproducible. Runs under the {@link Router}'s lock.
 */
final class Introspection {
  private record Query(ClientState client, int serial) {}

  private static final class Entry {
    final Set<ClientState> registrants = new LinkedHashSet<>();
    RawValue introspection;
    Query asked;
    final List<Query> pending = new ArrayList<>();
  }

  private final Router router;
  private final Map<UUID, Entry> entries = new LinkedHashMap<>();
  // The broker's serials of queries it sent, to the type id asked about.
  private final SerialMap<UUID> asked = new SerialMap<>();
  private final Map<ClientState, Set<UUID>> registered = new HashMap<>();

  Introspection(Router router) {
    this.router = router;
  }

  int size() {
    return entries.size();
  }

  /** @return null, or why the connection closes */
  String register(ClientState c, RegisterIntrospection m) {
    if (!(ValueCodec.decode(m.value()) instanceof AldrinValue.SetValue set)
        || set.keyType() != KeyType.UUID) {
      return "RegisterIntrospection carries no set of type ids";
    }
    if (c.footprint() + set.elements().size() > router.maxFootprint()) {
      c.overEntryLimit = true;
      return "registers introspection beyond the " + router.maxFootprint()
          + " entries one client may hold";
    }
    for (AldrinValue v : set.elements()) {
      UUID typeId = ((AldrinValue.UuidValue) v).value();
      entries.computeIfAbsent(typeId, k -> new Entry()).registrants.add(c);
      if (registered.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(typeId)) {
        c.introspectionEntries++;
      }
    }
    return null;
  }

  void query(ClientState c, QueryIntrospection m) {
    Entry e = entries.get(m.typeId());
    if (e == null) {
      router.send(c, new QueryIntrospectionReply(m.serial(),
          new QueryIntrospectionReply.Result.Unavailable()));
      return;
    }
    if (e.introspection != null) {
      router.send(c, new QueryIntrospectionReply(m.serial(),
          new QueryIntrospectionReply.Result.Ok(e.introspection)));
      return;
    }
    e.pending.add(new Query(c, m.serial()));
    c.introspectionEntries++;
    if (e.asked == null) {
      ask(m.typeId(), e);
    }
  }

  private void ask(UUID typeId, Entry e) {
    ClientState target = e.registrants.iterator().next();
    int serial = asked.insert(typeId);
    e.asked = new Query(target, serial);
    router.send(target, new QueryIntrospection(serial, typeId));
  }

  /** @return null, or why the connection closes */
  String reply(ClientState c, QueryIntrospectionReply m) {
    UUID typeId = asked.get(m.serial());
    if (typeId == null) {
      return "QueryIntrospectionReply for a query the broker did not send";
    }
    Entry e = entries.get(typeId);
    if (e.asked == null || e.asked.client() != c) {
      return "QueryIntrospectionReply from a client that was not asked";
    }
    asked.remove(m.serial());
    e.asked = null;
    if (m.result() instanceof QueryIntrospectionReply.Result.Ok ok) {
      e.introspection = ok.value();
      answer(e, m.result());
      return null;
    }
    forget(c, typeId, e);
    return null;
  }

  // A registrant that cannot help is dropped for this type id; the next one is asked.
  private void forget(ClientState c, UUID typeId, Entry e) {
    e.registrants.remove(c);
    Set<UUID> mine = registered.get(c);
    if (mine != null && mine.remove(typeId)) {
      c.introspectionEntries--;
    }
    if (e.registrants.isEmpty()) {
      entries.remove(typeId);
      answer(e, new QueryIntrospectionReply.Result.Unavailable());
    } else {
      ask(typeId, e);
    }
  }

  private void answer(Entry e, QueryIntrospectionReply.Result result) {
    List<Query> waiting = List.copyOf(e.pending);
    e.pending.clear();
    for (Query q : waiting) {
      q.client().introspectionEntries--;
      router.send(q.client(), new QueryIntrospectionReply(q.serial(), result));
    }
  }

  /** A client left: its registrations, its waiting queries and a query it was asked go. */
  void removeClient(ClientState c) {
    for (Entry e : entries.values()) {
      e.pending.removeIf(q -> q.client() == c);
    }
    Set<UUID> mine = registered.remove(c);
    if (mine == null) {
      return;
    }
    for (UUID typeId : mine) {
      Entry e = entries.get(typeId);
      if (e == null) {
        continue;
      }
      boolean wasAsked = e.asked != null && e.asked.client() == c;
      if (wasAsked) {
        asked.remove(e.asked.serial());
        e.asked = null;
      }
      e.registrants.remove(c);
      if (e.registrants.isEmpty()) {
        entries.remove(typeId);
        if (wasAsked) {
          answer(e, new QueryIntrospectionReply.Result.Unavailable());
        }
      } else if (wasAsked) {
        ask(typeId, e);
      }
    }
  }
}

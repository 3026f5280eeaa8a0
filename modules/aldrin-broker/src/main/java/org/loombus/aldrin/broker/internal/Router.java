package org.loombus.aldrin.broker.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.aldrin.broker.AldrinCounters;
import org.loombus.aldrin.broker.AldrinStatistics;
import org.loombus.aldrin.broker.internal.Entries.ObjectEntry;
import org.loombus.aldrin.broker.internal.Entries.PendingCall;
import org.loombus.aldrin.broker.internal.Entries.ServiceEntry;
import org.loombus.aldrin.protocol.AbortFunctionCall;
import org.loombus.aldrin.protocol.AddBusListenerFilter;
import org.loombus.aldrin.protocol.AddChannelCapacity;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.BusEvent;
import org.loombus.aldrin.protocol.CallFunction2;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.CallFunctionReply;
import org.loombus.aldrin.protocol.ChannelEnd;
import org.loombus.aldrin.protocol.ClaimChannelEnd;
import org.loombus.aldrin.protocol.ClearBusListenerFilters;
import org.loombus.aldrin.protocol.CloseChannelEnd;
import org.loombus.aldrin.protocol.CreateBusListener;
import org.loombus.aldrin.protocol.CreateChannel;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService2;
import org.loombus.aldrin.protocol.CreateService;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DestroyBusListener;
import org.loombus.aldrin.protocol.DestroyObject;
import org.loombus.aldrin.protocol.DestroyObjectReply;
import org.loombus.aldrin.protocol.DestroyService;
import org.loombus.aldrin.protocol.DestroyServiceReply;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.MessageKind;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.QueryIntrospection;
import org.loombus.aldrin.protocol.QueryIntrospectionReply;
import org.loombus.aldrin.protocol.QueryServiceInfo;
import org.loombus.aldrin.protocol.QueryServiceInfoReply;
import org.loombus.aldrin.protocol.QueryServiceVersion;
import org.loombus.aldrin.protocol.QueryServiceVersionReply;
import org.loombus.aldrin.protocol.RegisterIntrospection;
import org.loombus.aldrin.protocol.RemoveBusListenerFilter;
import org.loombus.aldrin.protocol.SendItem;
import org.loombus.aldrin.protocol.ServiceDestroyed;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ServiceInfo;
import org.loombus.aldrin.protocol.Shutdown;
import org.loombus.aldrin.protocol.StartBusListener;
import org.loombus.aldrin.protocol.StopBusListener;
import org.loombus.aldrin.protocol.SubscribeAllEvents;
import org.loombus.aldrin.protocol.SubscribeAllEventsReply;
import org.loombus.aldrin.protocol.SubscribeEvent;
import org.loombus.aldrin.protocol.SubscribeEventReply;
import org.loombus.aldrin.protocol.SubscribeService;
import org.loombus.aldrin.protocol.SubscribeServiceReply;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.SyncReply;
import org.loombus.aldrin.protocol.UnsubscribeAllEvents;
import org.loombus.aldrin.protocol.UnsubscribeAllEventsReply;
import org.loombus.aldrin.protocol.UnsubscribeEvent;
import org.loombus.aldrin.protocol.UnsubscribeService;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;
import org.loombus.aldrin.protocol.VersionAdapter;

/**
 * The routing table of one Aldrin broker and every rule of aldrin-broker 0.13 that acts on it.
 * One lock guards all of it: each incoming message is handled, its direct answers queued into the
 * clients' outboxes, and the work it caused drained (see {@link #drain}), before the next message
 * of any client is looked at. That is what makes every client's message sequence the one
 * aldrin-broker produces. Channels, bus listeners and introspection have their own classes, which
 * work under the same lock.
 */
public final class Router {
  private final ReentrantLock lock = new ReentrantLock();
  private final long maxFootprint;
  private final Tally tally;
  final Map<ClientConnection, ClientState> clients = new LinkedHashMap<>();
  final Map<UUID, ObjectEntry> objectsByCookie = new LinkedHashMap<>();
  final Map<UUID, ObjectEntry> objectsByUuid = new HashMap<>();
  final Map<UUID, ServiceEntry> servicesByCookie = new LinkedHashMap<>();
  // Service UUIDs are unique per object: object UUID and service UUID identify a service.
  final Map<List<UUID>, ServiceEntry> servicesByUuids = new HashMap<>();
  final SerialMap<PendingCall> calls = new SerialMap<>();
  final DerivedWork work = new DerivedWork();
  final Channels channels = new Channels(this);
  final BusListeners busListeners = new BusListeners(this);
  final Introspection introspection = new Introspection(this);
  private boolean shutDown;
  private Instant statsStart = Instant.now();
  // Since the start; an interval of takeStatistics is the difference to the last take.
  private long sent;
  private long received;
  private long sentAtTake;
  private long receivedAtTake;

  /**
   * @param maxFootprint the most objects, services, subscriptions, channel ends, bus listeners and
   *     their filters, pending calls and introspection entries one client may hold
   * @param tally where accepted clients are counted, and read with the message counts
   */
  public Router(long maxFootprint, Tally tally) {
    this.maxFootprint = maxFootprint;
    this.tally = tally;
  }

  /**
   * Adds an accepted client. Its handshake answer must already be queued.
   *
   * @param connection the client's connection
   * @param version its negotiated version
   * @return false if the broker is shut down (the caller closes the connection)
   */
  public boolean add(ClientConnection connection, ProtocolVersion version) {
    lock.lock();
    try {
      if (shutDown) {
        return false;
      }
      clients.put(connection, new ClientState(connection, version));
      tally.accepted();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Handles one message from a client.
   *
   * @param connection who sent it
   * @param message what it sent, decoded in its version (never {@link Shutdown})
   */
  public void handle(ClientConnection connection, AldrinMessage message) {
    lock.lock();
    try {
      ClientState c = clients.get(connection);
      if (c == null) {
        return;
      }
      received++;
      String violation = dispatch(c, message);
      if (violation != null) {
        if (c.overEntryLimit) {
          removeClient(c, false, DropCause.ENTRY_LIMIT, "entry limit: " + violation);
        } else {
          removeClient(c, false, DropCause.PROTOCOL_VIOLATION, "protocol violation: " + violation);
        }
      }
      drain();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes a client that left: it sent {@code Shutdown}, its stream ended, or it sent bytes that
   * do not decode. Nothing more is queued for it.
   *
   * @param connection the client
   */
  public void remove(ClientConnection connection) {
    lock.lock();
    try {
      ClientState c = clients.get(connection);
      if (c != null) {
        work.removeClients.add(new DerivedWork.RemoveClient(c, false));
        drain();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shuts one client down as the broker's whole shutdown does: it gets {@code Shutdown} and its
   * objects, services, channels and calls go at once.
   *
   * @param connection the client
   * @return false if it was not (or no longer) on the bus
   */
  public boolean shutdown(ClientConnection connection) {
    lock.lock();
    try {
      ClientState c = clients.get(connection);
      if (c == null) {
        return false;
      }
      work.removeClients.add(new DerivedWork.RemoveClient(c, true));
      drain();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shuts the broker down: every client gets {@code Shutdown}, their objects go with the usual
   * events and answers (pending calls end), and no client is added any more.
   *
   * @return the connections that were told, which now wait for their clients' answers
   */
  public List<ClientConnection> shutdown() {
    lock.lock();
    try {
      shutDown = true;
      List<ClientConnection> told = new ArrayList<>(clients.keySet());
      for (ClientState c : clients.values()) {
        work.removeClients.add(new DerivedWork.RemoveClient(c, true));
      }
      drain();
      return told;
    } finally {
      lock.unlock();
    }
  }

  /** @return the statistics of the interval since the last take, which starts a new one */
  public AldrinStatistics takeStatistics() {
    lock.lock();
    try {
      Instant now = Instant.now();
      AldrinStatistics s = new AldrinStatistics(statsStart, now, sent - sentAtTake,
          received - receivedAtTake, clients.size(), objectsByCookie.size(),
          servicesByCookie.size(), channels.size(), busListeners.size(), introspection.size());
      statsStart = now;
      sentAtTake = sent;
      receivedAtTake = received;
      return s;
    } finally {
      lock.unlock();
    }
  }

  /** @return the gauges now and the counters since the start; resets nothing */
  public AldrinCounters counters() {
    lock.lock();
    try {
      return new AldrinCounters(clients.size(), objectsByCookie.size(), servicesByCookie.size(),
          channels.size(), busListeners.size(), introspection.size(), sent, received,
          tally.acceptedCount(), tally.count(DropCause.REFUSED),
          tally.count(DropCause.QUEUE_FULL), tally.count(DropCause.WRITE_DEADLINE),
          tally.count(DropCause.PROTOCOL_VIOLATION), tally.count(DropCause.ENTRY_LIMIT),
          tally.count(DropCause.HANDSHAKE_TIMEOUT), tally.count(DropCause.SHUTDOWN_UNANSWERED));
    } finally {
      lock.unlock();
    }
  }

  // --- sending -----------------------------------------------------------------------------

  /**
   * Queues a message for a client in the form its version takes. A client whose outbox is full
   * is removed (after the current message), as aldrin-broker removes one it cannot send to.
   *
   * @return false if the client cannot take it
   */
  boolean send(ClientState c, AldrinMessage message) {
    if (!c.active) {
      return false;
    }
    Optional<AldrinMessage> m = VersionAdapter.forReceiver(message, c.version);
    if (m.isEmpty()) {
      // a kind the receiver's version lacks is skipped, and not counted, as in aldrin-broker
      return true;
    }
    sent++;
    if (c.dropReason == null && c.connection.offer(MessageCodec.encode(m.get()))) {
      return true;
    }
    if (c.dropReason == null) {
      c.dropReason = "outgoing queue full (" + c.connection.queueLimits() + ")";
      c.dropCause = DropCause.QUEUE_FULL;
      work.removeClients.add(new DerivedWork.RemoveClient(c, false));
    }
    return false;
  }

  // --- the order of derived work --------------------------------------------------------------

  /**
   * Drains the work of the last message in aldrin-broker's priority: removed clients first (so
   * nothing is sent to a client known to be gone), then unsubscriptions to owners,
   * ServiceDestroyed to subscribers, answers to calls whose service vanished, then bus events
   * with creations before destructions (no listener hears of a service of an object it was told
   * is gone), and aborted calls last.
   */
  void drain() {
    while (true) {
      DerivedWork.RemoveClient rc = DerivedWork.pop(work.removeClients);
      if (rc != null) {
        shutdownClient(rc.client(), rc.sendShutdown());
        continue;
      }
      DerivedWork.Unsubscribe u = DerivedWork.pop(work.unsubscribeEvents);
      if (u != null) {
        send(u.owner(), new UnsubscribeEvent(u.service(), u.event()));
        continue;
      }
      DerivedWork.UnsubscribeAll ua = DerivedWork.pop(work.unsubscribeAllEvents);
      if (ua != null) {
        send(ua.owner(), new UnsubscribeAllEvents(OptionalInt.empty(), ua.service()));
        continue;
      }
      DerivedWork.Destroyed d = DerivedWork.pop(work.servicesDestroyed);
      if (d != null) {
        send(d.subscriber(), new ServiceDestroyed(d.service()));
        continue;
      }
      DerivedWork.EndCall ec = DerivedWork.pop(work.endCalls);
      if (ec != null) {
        if (ec.caller().active) {
          ec.caller().calls.remove(ec.callerSerial());
          send(ec.caller(), new CallFunctionReply(ec.callerSerial(), ec.result()));
        }
        continue;
      }
      ObjectId co = DerivedWork.pop(work.createdObjects);
      if (co != null) {
        busListeners.emit(new BusEvent.ObjectCreated(co));
        continue;
      }
      ServiceId cs = DerivedWork.pop(work.createdServices);
      if (cs != null) {
        busListeners.emit(new BusEvent.ServiceCreated(cs));
        continue;
      }
      ServiceId ds = DerivedWork.pop(work.destroyedServices);
      if (ds != null) {
        busListeners.emit(new BusEvent.ServiceDestroyed(ds));
        continue;
      }
      ObjectId dob = DerivedWork.pop(work.destroyedObjects);
      if (dob != null) {
        busListeners.emit(new BusEvent.ObjectDestroyed(dob));
        continue;
      }
      DerivedWork.Abort a = DerivedWork.pop(work.aborts);
      if (a != null) {
        abortCall(a.calleeSerial(), a.callee());
        continue;
      }
      return;
    }
  }

  private void removeClient(ClientState c, boolean sendShutdown, DropCause cause,
      String reason) {
    if (c.dropReason == null) {
      c.dropReason = reason;
      c.dropCause = cause;
    }
    work.removeClients.add(new DerivedWork.RemoveClient(c, sendShutdown));
  }

  private void shutdownClient(ClientState c, boolean sendShutdown) {
    if (clients.remove(c.connection) == null) {
      return;
    }
    c.active = false;
    if (c.dropReason != null) {
      c.connection.drop(c.dropCause, c.dropReason);
    } else if (sendShutdown) {
      sent++;
      c.connection.finishWith(MessageCodec.encode(new Shutdown()));
    }
    for (UUID l : List.copyOf(c.busListeners)) {
      busListeners.remove(l);
    }
    for (UUID o : List.copyOf(c.objects)) {
      removeObject(o);
    }
    for (Map.Entry<UUID, Set<Integer>> e : List.copyOf(c.events.entrySet())) {
      for (int event : List.copyOf(e.getValue())) {
        removeEventSubscription(c, e.getKey(), event);
      }
    }
    for (UUID s : List.copyOf(c.allEvents)) {
      removeAllEventsSubscription(c, s);
    }
    for (UUID s : List.copyOf(c.subscriptions)) {
      ServiceEntry svc = servicesByCookie.get(s);
      if (svc != null) {
        svc.subscriptions.remove(c);
      }
    }
    for (UUID ch : List.copyOf(c.senders)) {
      channels.removeEnd(ch, ChannelEnd.SENDER, c);
    }
    for (UUID ch : List.copyOf(c.receivers)) {
      channels.removeEnd(ch, ChannelEnd.RECEIVER, c);
    }
    for (int calleeSerial : c.calls.values()) {
      PendingCall call = calls.get(calleeSerial);
      if (call != null) {
        work.aborts.add(new DerivedWork.Abort(calleeSerial, call.callee));
      }
    }
    introspection.removeClient(c);
  }

  // --- dispatch ------------------------------------------------------------------------------

  private static final Set<MessageKind> GROWING = EnumSet.of(MessageKind.CREATE_OBJECT,
      MessageKind.CREATE_SERVICE, MessageKind.CREATE_SERVICE2, MessageKind.CALL_FUNCTION,
      MessageKind.CALL_FUNCTION2, MessageKind.SUBSCRIBE_EVENT, MessageKind.SUBSCRIBE_SERVICE,
      MessageKind.SUBSCRIBE_ALL_EVENTS, MessageKind.CREATE_CHANNEL, MessageKind.CLAIM_CHANNEL_END,
      MessageKind.CREATE_BUS_LISTENER, MessageKind.ADD_BUS_LISTENER_FILTER,
      MessageKind.QUERY_INTROSPECTION);

  long maxFootprint() {
    return maxFootprint;
  }

  /** @return null, or why the message closes the client's connection */
  private String dispatch(ClientState c, AldrinMessage message) {
    MessageKind kind = message.kind();
    if (!kind.sentByClient() || kind == MessageKind.CONNECT || kind == MessageKind.CONNECT2) {
      return kind + " is not sent by clients";
    }
    if (!kind.isAvailableIn(c.version)) {
      return kind + " does not exist in " + c.version;
    }
    // Each of these adds at most one entry (RegisterIntrospection checks its own size).
    if (GROWING.contains(kind) && c.footprint() >= maxFootprint) {
      c.overEntryLimit = true;
      return "holds " + maxFootprint + " objects, services, subscriptions, channel ends, bus"
          + " listeners, filters, calls and introspection entries, the most one client may";
    }
    switch (message) {
      case CreateObject m -> createObject(c, m);
      case DestroyObject m -> destroyObject(c, m);
      case CreateService m -> createService(c, m.serial(), m.objectCookie(), m.uuid(),
          ServiceInfo.ofVersion(m.version()));
      case CreateService2 m -> {
        return createService2(c, m);
      }
      case DestroyService m -> destroyService(c, m);
      case CallFunction m -> {
        return callFunction(c, VersionAdapter.toCallFunction2(m));
      }
      case CallFunction2 m -> {
        return callFunction(c, m);
      }
      case CallFunctionReply m -> callFunctionReply(c, m);
      case AbortFunctionCall m -> abortFunctionCall(c, m);
      case SubscribeEvent m -> {
        return subscribeEvent(c, m);
      }
      case UnsubscribeEvent m -> unsubscribeEvent(c, m);
      case EmitEvent m -> emitEvent(c, m);
      case QueryServiceVersion m -> queryServiceVersion(c, m);
      case QueryServiceInfo m -> queryServiceInfo(c, m);
      case SubscribeService m -> subscribeService(c, m);
      case UnsubscribeService m -> unsubscribeService(c, m);
      case SubscribeAllEvents m -> {
        return subscribeAllEvents(c, m);
      }
      case UnsubscribeAllEvents m -> unsubscribeAllEvents(c, m);
      case Sync m -> send(c, new SyncReply(m.serial()));
      case CreateChannel m -> channels.create(c, m);
      case CloseChannelEnd m -> channels.close(c, m);
      case ClaimChannelEnd m -> channels.claim(c, m);
      case AddChannelCapacity m -> channels.addCapacity(c, m);
      case SendItem m -> channels.sendItem(c, m);
      case CreateBusListener m -> busListeners.create(c, m);
      case DestroyBusListener m -> busListeners.destroy(c, m);
      case AddBusListenerFilter m -> busListeners.addFilter(c, m);
      case RemoveBusListenerFilter m -> busListeners.removeFilter(c, m);
      case ClearBusListenerFilters m -> busListeners.clearFilters(c, m);
      case StartBusListener m -> busListeners.start(c, m);
      case StopBusListener m -> busListeners.stop(c, m);
      case RegisterIntrospection m -> {
        return introspection.register(c, m);
      }
      case QueryIntrospection m -> introspection.query(c, m);
      case QueryIntrospectionReply m -> {
        return introspection.reply(c, m);
      }
      // kinds clients do not send were refused above
      default -> throw new IllegalStateException("no handler for " + kind);
    }
    return null;
  }

  // --- objects and services ------------------------------------------------------------------

  private void createObject(ClientState c, CreateObject m) {
    if (objectsByUuid.containsKey(m.uuid())) {
      send(c, new CreateObjectReply(m.serial(), new CreateObjectReply.Result.DuplicateObject()));
      return;
    }
    UUID cookie = UUID.randomUUID();
    if (!send(c, new CreateObjectReply(m.serial(), new CreateObjectReply.Result.Ok(cookie)))) {
      return;
    }
    ObjectEntry o = new ObjectEntry(new ObjectId(m.uuid(), cookie), c);
    objectsByCookie.put(cookie, o);
    objectsByUuid.put(m.uuid(), o);
    c.objects.add(cookie);
    work.createdObjects.add(o.id);
  }

  private void destroyObject(ClientState c, DestroyObject m) {
    ObjectEntry o = objectsByCookie.get(m.cookie());
    if (o == null) {
      send(c, new DestroyObjectReply(m.serial(), DestroyObjectReply.Result.INVALID_OBJECT));
    } else if (o.owner != c) {
      send(c, new DestroyObjectReply(m.serial(), DestroyObjectReply.Result.FOREIGN_OBJECT));
    } else if (send(c, new DestroyObjectReply(m.serial(), DestroyObjectReply.Result.OK))) {
      removeObject(m.cookie());
    }
  }

  /** @return the service cookie if created (the answer is sent either way) */
  private boolean checkNewService(ClientState c, int serial, UUID objectCookie, UUID uuid) {
    ObjectEntry o = objectsByCookie.get(objectCookie);
    CreateServiceReply.Result refusal = null;
    if (o == null) {
      refusal = new CreateServiceReply.Result.InvalidObject();
    } else if (servicesByUuids.containsKey(List.of(o.id.uuid(), uuid))) {
      refusal = new CreateServiceReply.Result.DuplicateService();
    } else if (o.owner != c) {
      refusal = new CreateServiceReply.Result.ForeignObject();
    }
    if (refusal != null) {
      send(c, new CreateServiceReply(serial, refusal));
      return false;
    }
    return true;
  }

  private void createService(ClientState c, int serial, UUID objectCookie, UUID uuid,
      ServiceInfo info) {
    if (checkNewService(c, serial, objectCookie, uuid)) {
      addService(c, serial, objectCookie, uuid, info);
    }
  }

  private String createService2(ClientState c, CreateService2 m) {
    if (!checkNewService(c, m.serial(), m.objectCookie(), m.uuid())) {
      return null;
    }
    ServiceInfo info;
    try {
      info = ServiceInfo.fromValue(ValueCodec.decode(m.value()));
    } catch (AldrinDecodeException e) {
      return "CreateService2 carries no ServiceInfo: " + e.getMessage();
    }
    // A 1.17 owner cannot take all-events subscriptions, whatever its ServiceInfo says.
    if (!c.atLeast(ProtocolVersion.V1_18)) {
      info = info.withSubscribeAll(false);
    }
    addService(c, m.serial(), m.objectCookie(), m.uuid(), info);
    return null;
  }

  private void addService(ClientState c, int serial, UUID objectCookie, UUID uuid,
      ServiceInfo info) {
    UUID cookie = UUID.randomUUID();
    if (!send(c, new CreateServiceReply(serial, new CreateServiceReply.Result.Ok(cookie)))) {
      return;
    }
    ObjectEntry o = objectsByCookie.get(objectCookie);
    ServiceEntry s = new ServiceEntry(new ServiceId(o.id, uuid, cookie), c, info);
    c.services++;
    servicesByCookie.put(cookie, s);
    servicesByUuids.put(List.of(o.id.uuid(), uuid), s);
    o.services.add(cookie);
    work.createdServices.add(s.id);
  }

  private void destroyService(ClientState c, DestroyService m) {
    ServiceEntry s = servicesByCookie.get(m.cookie());
    if (s == null) {
      send(c, new DestroyServiceReply(m.serial(), DestroyServiceReply.Result.INVALID_SERVICE));
    } else if (s.owner != c) {
      send(c, new DestroyServiceReply(m.serial(), DestroyServiceReply.Result.FOREIGN_OBJECT));
    } else if (send(c, new DestroyServiceReply(m.serial(), DestroyServiceReply.Result.OK))) {
      removeService(m.cookie());
    }
  }

  private void removeObject(UUID cookie) {
    ObjectEntry o = objectsByCookie.remove(cookie);
    if (o == null) {
      return;
    }
    objectsByUuid.remove(o.id.uuid());
    o.owner.objects.remove(cookie);
    work.destroyedObjects.add(o.id);
    for (UUID s : List.copyOf(o.services)) {
      removeService(s);
    }
  }

  private void removeService(UUID cookie) {
    ServiceEntry s = servicesByCookie.remove(cookie);
    if (s == null) {
      return;
    }
    servicesByUuids.remove(List.of(s.id.object().uuid(), s.id.uuid()));
    s.owner.services--;
    ObjectEntry o = objectsByCookie.get(s.id.object().cookie());
    if (o != null) {
      o.services.remove(cookie);
    }
    work.destroyedServices.add(s.id);
    for (int serial : s.calls) {
      PendingCall call = calls.remove(serial);
      if (!call.aborted) {
        work.endCalls.add(new DerivedWork.EndCall(call.callerSerial, call.caller,
            new CallFunctionReply.Result.InvalidService()));
      }
    }
    for (ClientState sub : s.subscribedClients()) {
      if (sub.active) {
        sub.forgetService(cookie);
        work.servicesDestroyed.add(new DerivedWork.Destroyed(sub, cookie));
      }
    }
  }

  private void queryServiceVersion(ClientState c, QueryServiceVersion m) {
    ServiceEntry s = servicesByCookie.get(m.cookie());
    send(c, new QueryServiceVersionReply(m.serial(), s == null
        ? new QueryServiceVersionReply.Result.InvalidService()
        : new QueryServiceVersionReply.Result.Ok(s.info.version())));
  }

  private void queryServiceInfo(ClientState c, QueryServiceInfo m) {
    ServiceEntry s = servicesByCookie.get(m.cookie());
    // Encoded in epoch 2 like everything the broker makes; older receivers get it converted.
    send(c, new QueryServiceInfoReply(m.serial(), s == null
        ? new QueryServiceInfoReply.Result.InvalidService()
        : new QueryServiceInfoReply.Result.Ok(ValueCodec.encode(s.info.toValue(),
            ValueEpoch.V2))));
  }

  // --- calls ---------------------------------------------------------------------------------

  private String callFunction(ClientState c, CallFunction2 m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null) {
      send(c, new CallFunctionReply(m.serial(), new CallFunctionReply.Result.InvalidService()));
      return null;
    }
    ClientState callee = s.owner;
    // The serial is taken before the check, as aldrin-broker does, so the owner's next serial is
    // the same either way.
    int serial = calls.insert(new PendingCall(m.serial(), c, callee, m.serviceCookie()));
    if (c.calls.containsKey(m.serial())) {
      calls.remove(serial);
      return "call serial " + Integer.toUnsignedString(m.serial()) + " is already pending";
    }
    c.calls.put(m.serial(), serial);
    s.calls.add(serial);
    // VersionAdapter turns it into CallFunction for owners older than 1.19.
    send(callee, new CallFunction2(serial, m.serviceCookie(), m.function(), m.version(),
        m.value()));
    return null;
  }

  private void callFunctionReply(ClientState c, CallFunctionReply m) {
    PendingCall call = calls.get(m.serial());
    if (call == null || call.callee != c) {
      return;
    }
    calls.remove(m.serial());
    ServiceEntry s = servicesByCookie.get(call.service);
    if (s != null) {
      s.calls.remove(m.serial());
    }
    if (call.aborted || !call.caller.active) {
      return;
    }
    call.caller.calls.remove(call.callerSerial);
    send(call.caller, new CallFunctionReply(call.callerSerial, m.result()));
  }

  private void abortFunctionCall(ClientState c, AbortFunctionCall m) {
    Integer calleeSerial = c.calls.get(m.serial());
    if (calleeSerial != null) {
      work.aborts.add(new DerivedWork.Abort(calleeSerial, calls.get(calleeSerial).callee));
    }
  }

  private void abortCall(int calleeSerial, ClientState callee) {
    PendingCall call = calls.get(calleeSerial);
    if (call == null || call.aborted) {
      return;
    }
    call.aborted = true;
    // Owners older than 1.16 have no AbortFunctionCall; VersionAdapter leaves it out for them.
    send(callee, new AbortFunctionCall(calleeSerial));
    if (call.caller.active) {
      call.caller.calls.remove(call.callerSerial);
      send(call.caller, new CallFunctionReply(call.callerSerial,
          new CallFunctionReply.Result.Aborted()));
    }
  }

  // --- events and subscriptions --------------------------------------------------------------

  private String subscribeEvent(ClientState c, SubscribeEvent m) {
    if (m.serial().isEmpty()) {
      return "SubscribeEvent without serial";
    }
    int serial = m.serial().getAsInt();
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null) {
      send(c, new SubscribeEventReply(serial, SubscribeEventReply.Result.INVALID_SERVICE));
      return null;
    }
    if (!send(c, new SubscribeEventReply(serial, SubscribeEventReply.Result.OK))) {
      return null;
    }
    c.subscribeEvent(m.serviceCookie(), m.event());
    if (s.subscribeEvent(m.event(), c)) {
      send(s.owner, new SubscribeEvent(OptionalInt.empty(), m.serviceCookie(), m.event()));
    }
    return null;
  }

  private void unsubscribeEvent(ClientState c, UnsubscribeEvent m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null) {
      return;
    }
    c.unsubscribeEvent(m.serviceCookie(), m.event());
    if (s.unsubscribeEvent(m.event(), c)) {
      send(s.owner, m);
    }
  }

  private void removeEventSubscription(ClientState c, UUID service, int event) {
    ServiceEntry s = servicesByCookie.get(service);
    if (s == null) {
      return;
    }
    c.unsubscribeEvent(service, event);
    if (s.unsubscribeEvent(event, c)) {
      work.unsubscribeEvents.add(new DerivedWork.Unsubscribe(s.owner, service, event));
    }
  }

  private void removeAllEventsSubscription(ClientState c, UUID service) {
    ServiceEntry s = servicesByCookie.get(service);
    if (s == null) {
      return;
    }
    c.allEvents.remove(service);
    if (s.unsubscribeAllEvents(c)) {
      work.unsubscribeAllEvents.add(new DerivedWork.UnsubscribeAll(s.owner, service));
    }
  }

  private void emitEvent(ClientState c, EmitEvent m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null || s.owner != c) {
      return;
    }
    for (ClientState sub : List.copyOf(clients.values())) {
      if (sub.isSubscribedToEvent(m.serviceCookie(), m.event())) {
        send(sub, m);
      }
    }
  }

  private void subscribeService(ClientState c, SubscribeService m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null) {
      send(c, new SubscribeServiceReply(m.serial(), SubscribeServiceReply.Result.INVALID_SERVICE));
    } else if (send(c, new SubscribeServiceReply(m.serial(), SubscribeServiceReply.Result.OK))) {
      s.subscriptions.add(c);
      c.subscriptions.add(m.serviceCookie());
    }
  }

  private void unsubscribeService(ClientState c, UnsubscribeService m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s != null) {
      s.subscriptions.remove(c);
      c.subscriptions.remove(m.serviceCookie());
    }
  }

  private String subscribeAllEvents(ClientState c, SubscribeAllEvents m) {
    if (m.serial().isEmpty()) {
      return "SubscribeAllEvents without serial";
    }
    int serial = m.serial().getAsInt();
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    if (s == null) {
      send(c, new SubscribeAllEventsReply(serial,
          SubscribeAllEventsReply.Result.INVALID_SERVICE));
      return null;
    }
    ClientState owner = s.owner;
    if (!s.info.subscribeAll().orElse(false) || !owner.atLeast(ProtocolVersion.V1_18)) {
      send(c, new SubscribeAllEventsReply(serial, SubscribeAllEventsReply.Result.NOT_SUPPORTED));
      return null;
    }
    if (!send(c, new SubscribeAllEventsReply(serial, SubscribeAllEventsReply.Result.OK))) {
      return null;
    }
    c.allEvents.add(m.serviceCookie());
    if (s.subscribeAllEvents(c)) {
      send(owner, new SubscribeAllEvents(OptionalInt.empty(), m.serviceCookie()));
    }
    return null;
  }

  private void unsubscribeAllEvents(ClientState c, UnsubscribeAllEvents m) {
    ServiceEntry s = servicesByCookie.get(m.serviceCookie());
    OptionalInt serial = m.serial();
    if (s == null) {
      serial.ifPresent(n -> send(c, new UnsubscribeAllEventsReply(n,
          UnsubscribeAllEventsReply.Result.INVALID_SERVICE)));
      return;
    }
    ClientState owner = s.owner;
    if (!owner.atLeast(ProtocolVersion.V1_18)) {
      serial.ifPresent(n -> send(c, new UnsubscribeAllEventsReply(n,
          UnsubscribeAllEventsReply.Result.NOT_SUPPORTED)));
      return;
    }
    if (serial.isPresent() && !send(c, new UnsubscribeAllEventsReply(serial.getAsInt(),
        UnsubscribeAllEventsReply.Result.OK))) {
      return;
    }
    c.allEvents.remove(m.serviceCookie());
    if (s.unsubscribeAllEvents(c)) {
      send(owner, new UnsubscribeAllEvents(OptionalInt.empty(), m.serviceCookie()));
    }
  }
}

package org.loombus.fuzz;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.aldrin.broker.AldrinStatistics;
import org.loombus.aldrin.broker.Decision;
import org.loombus.aldrin.protocol.AbortFunctionCall;
import org.loombus.aldrin.protocol.AddBusListenerFilter;
import org.loombus.aldrin.protocol.AddChannelCapacity;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.BusEvent;
import org.loombus.aldrin.protocol.BusListenerFilter;
import org.loombus.aldrin.protocol.BusListenerScope;
import org.loombus.aldrin.protocol.CallFunction2;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.CallFunctionReply;
import org.loombus.aldrin.protocol.ChannelEnd;
import org.loombus.aldrin.protocol.ChannelEndWithCapacity;
import org.loombus.aldrin.protocol.ClaimChannelEnd;
import org.loombus.aldrin.protocol.ClaimChannelEndReply;
import org.loombus.aldrin.protocol.ClearBusListenerFilters;
import org.loombus.aldrin.protocol.CloseChannelEnd;
import org.loombus.aldrin.protocol.CloseChannelEndReply;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.Connect;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.ConnectReply;
import org.loombus.aldrin.protocol.CreateBusListener;
import org.loombus.aldrin.protocol.CreateBusListenerReply;
import org.loombus.aldrin.protocol.CreateChannel;
import org.loombus.aldrin.protocol.CreateChannelReply;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService2;
import org.loombus.aldrin.protocol.CreateService;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.DestroyBusListener;
import org.loombus.aldrin.protocol.DestroyBusListenerReply;
import org.loombus.aldrin.protocol.DestroyObject;
import org.loombus.aldrin.protocol.DestroyObjectReply;
import org.loombus.aldrin.protocol.DestroyService;
import org.loombus.aldrin.protocol.DestroyServiceReply;
import org.loombus.aldrin.protocol.EmitBusEvent;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.HandshakeData;
import org.loombus.aldrin.protocol.KeyType;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.MessageKind;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.QueryIntrospection;
import org.loombus.aldrin.protocol.QueryIntrospectionReply;
import org.loombus.aldrin.protocol.QueryServiceInfo;
import org.loombus.aldrin.protocol.QueryServiceInfoReply;
import org.loombus.aldrin.protocol.QueryServiceVersion;
import org.loombus.aldrin.protocol.QueryServiceVersionReply;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.RegisterIntrospection;
import org.loombus.aldrin.protocol.RemoveBusListenerFilter;
import org.loombus.aldrin.protocol.SendItem;
import org.loombus.aldrin.protocol.ServiceInfo;
import org.loombus.aldrin.protocol.Shutdown;
import org.loombus.aldrin.protocol.StartBusListener;
import org.loombus.aldrin.protocol.StartBusListenerReply;
import org.loombus.aldrin.protocol.StopBusListener;
import org.loombus.aldrin.protocol.StopBusListenerReply;
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

/**
 * Stateful programs against one real {@link AldrinBroker}: up to {@value #CLIENTS} simulated
 * clients ({@link SessionClient}) connect with any version 1.14–1.20 (either handshake, sometimes
 * an incompatible or refused one), disconnect abruptly, send {@code Shutdown}, and send
 * well-formed messages of every kind a client sends — and now and then a kind a client never
 * sends, a kind its version lacks, or a frame with mutated bytes. Serials, cookies and ids are
 * taken from what the broker sent back earlier (object, service, channel and bus-listener
 * cookies; the broker's serials of calls and introspection queries, answered by the client they
 * were sent to) or made up.
 *
 * <p>After every step each connected client sends {@code Sync} and waits for its answer, so the
 * broker has handled the step and everything it caused before the next one: a program is
 * deterministic, and what the clients learned is added to the pools in client order. Checked
 * for every program, failing it otherwise:
 *
 * <ul>
 *   <li>no throwable escapes {@link AldrinBroker#serve} and no broker thread dies;
 *   <li>every frame the broker sends a client decodes with the strict decoder of that client's
 *       negotiated version and is of a kind the broker sends to that version (nothing one client
 *       sends can make the broker send another an undecodable message);
 *   <li>the handshake answer is the one the version and the admission call for, and a refused
 *       client gets nothing more;
 *   <li>every wait — a handshake answer, a {@code Sync} answer, the end of a connection — ends
 *       within {@link #STEP_LIMIT} (a hang is a finding), and a client's {@code Shutdown} is
 *       answered with {@code Shutdown} after everything queued before it;
 *   <li>a request aldrin-broker answers at once (creating or destroying an object, service,
 *       channel end or bus listener, subscribing, querying a service, {@code Sync}) has its
 *       answer before the client's next {@code SyncReply}, unless the broker closed the
 *       connection;
 *   <li>the broker's connection gauge equals the number of connected clients after every step;
 *       once all have left, every gauge of {@link AldrinBroker#takeStatistics()} is 0;
 *   <li>the broker still accepts a fresh client and answers its {@code Sync}.
 * </ul>
 *
 * <p>The broker holds at most {@value #MAX_ENTRIES} entries per client, so programs reach the
 * footprint limit; its admission rejects clients whose data is the string {@value #REJECT}.
 */
final class AldrinSessions implements AutoCloseable {
  /** Longest wait for any one answer or end. */
  static final Duration STEP_LIMIT = Duration.ofSeconds(5);
  /** Most clients connected at once. */
  static final int CLIENTS = 4;
  /** The broker's limit of entries per client. */
  static final int MAX_ENTRIES = 12;
  /** Client data the admission rejects. */
  static final String REJECT = "reject";

  /** Most entries kept per pool: enough to refer back, few enough that a pick often hits. */
  private static final int POOL = 32;
  /** The harness's own Sync serials have the top bit set; a program's serials never do. */
  private static final int SETTLE_SERIALS = 0x8000_0000;
  /** Kinds a connected client sends, but {@code Shutdown} (a step of its own). */
  private static final List<MessageKind> CLIENT_KINDS = Arrays.stream(MessageKind.values())
      .filter(k -> k.sentByClient() && k != MessageKind.SHUTDOWN && k != MessageKind.CONNECT
          && k != MessageKind.CONNECT2)
      .toList();

  /**
   * Kinds that build what other clients then use, and use it: picked half the time, so that
   * programs often get as far as calls, events, items, bus events and introspection queries.
   */
  private static final List<MessageKind> FLOW_KINDS = List.of(MessageKind.CREATE_OBJECT,
      MessageKind.CREATE_SERVICE, MessageKind.CREATE_SERVICE2, MessageKind.CALL_FUNCTION,
      MessageKind.CALL_FUNCTION2, MessageKind.CALL_FUNCTION_REPLY, MessageKind.SUBSCRIBE_EVENT,
      MessageKind.SUBSCRIBE_ALL_EVENTS, MessageKind.EMIT_EVENT, MessageKind.CREATE_CHANNEL,
      MessageKind.CLAIM_CHANNEL_END, MessageKind.SEND_ITEM, MessageKind.CREATE_BUS_LISTENER,
      MessageKind.ADD_BUS_LISTENER_FILTER, MessageKind.START_BUS_LISTENER,
      MessageKind.REGISTER_INTROSPECTION, MessageKind.QUERY_INTROSPECTION);

  private final AldrinBroker broker;
  /** The first failure of a broker thread, a serving thread or a reader. */
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private int settles;
  /** Messages the clients received, by kind, over every program run so far. */
  private final Map<MessageKind, Integer> received = new EnumMap<>(MessageKind.class);
  /** Connections the broker closed while the client still wanted it, over every program. */
  private int closedByBroker;

  private AldrinSessions() {
    broker = AldrinBroker.start(AldrinBrokerConfig.defaults()
        .withThreads(Thread.ofVirtual().name("aldrin-fuzz-broker-", 0)
            .uncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e))
            .factory())
        .withMaxEntriesPerClient(MAX_ENTRIES)
        .withMaxFrameLength(64 * 1024)
        .withAdmission(client -> client.data().equals(
            Optional.of(new AldrinValue.StringValue(REJECT)))
                ? new Decision.Reject(Optional.empty())
                : new Decision.Accept(Optional.empty())));
  }

  /** @return a harness with its broker running */
  static AldrinSessions start() {
    return new AldrinSessions();
  }

  /**
   * Runs one program and checks it (see the class comment).
   *
   * @param choices where the program's decisions come from
   * @throws AssertionError if a check fails, with the steps taken
   */
  void run(Choices choices) {
    Program p = new Program(choices);
    try {
      p.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      p.closeAll();
    }
  }

  /** @return how many messages of each kind the clients received, over every program */
  Map<MessageKind, Integer> received() {
    return new EnumMap<>(received);
  }

  /** @return connections the broker closed, not at the client's request, over every program */
  int closedByBroker() {
    return closedByBroker;
  }

  /** Shuts the broker down. */
  @Override
  public void close() {
    broker.shutdown();
  }

  /**
   * Something a client learned from the broker, or made itself: a cookie or a serial.
   *
   * @param slot the client that learned it
   */
  private record Learned<T>(int slot, T id) {}

  /** One program: its clients, what they learned, and the steps taken so far. */
  private final class Program {
    private final Choices ch;
    private final SessionClient[] clients = new SessionClient[CLIENTS];
    private final StringBuilder steps = new StringBuilder();
    private final List<Learned<UUID>> objectCookies = new ArrayList<>();
    private final List<Learned<UUID>> serviceCookies = new ArrayList<>();
    private final List<Learned<UUID>> channelCookies = new ArrayList<>();
    private final List<Learned<UUID>> listenerCookies = new ArrayList<>();
    /** Calls the broker forwarded to a service owner. */
    private final List<Learned<Integer>> callsReceived = new ArrayList<>();
    /** Calls a client made, which it may abort. */
    private final List<Learned<Integer>> callsMade = new ArrayList<>();
    /** Introspection queries the broker sent to a registrant. */
    private final List<Learned<Integer>> queriesReceived = new ArrayList<>();

    Program(Choices ch) {
      this.ch = ch;
    }

    void run() throws InterruptedException {
      while (ch.more()) {
        int slot = ch.pick(0, CLIENTS - 1);
        SessionClient c = clients[slot];
        if (c == null) {
          connect(slot);
        } else {
          switch (ch.pick(0, 31)) {
            case 0 -> disconnect(slot);
            case 1 -> shutdown(slot);
            case 2 -> mutated(slot, c);
            default -> {
              AldrinMessage m = message(slot, c.version());
              log(slot, m.kind().toString());
              c.send(m);
              settle(slot, answerDue(m));
              continue;
            }
          }
        }
        settle(-1, null);
      }
      for (int slot = 0; slot < CLIENTS; slot++) {
        if (clients[slot] != null) {
          if (ch.flag()) {
            shutdown(slot);
          } else {
            disconnect(slot);
          }
        }
      }
      AldrinStatistics s = broker.takeStatistics();
      if (s.connections() + s.objects() + s.services() + s.channels() + s.busListeners()
          + s.introspections() != 0) {
        throw fail("left behind after every client left: " + s, null);
      }
      // It still serves: a fresh client is accepted, answered and let go.
      int fresh = 0;
      log(fresh, "fresh client");
      handshake(fresh, new Connect2(1, 20, connectData(Optional.empty())),
          replyOk(20), ValueEpoch.V2);
      settle(-1, null);
      shutdown(fresh);
    }

    // --- steps ---------------------------------------------------------------------------

    private void connect(int slot) throws InterruptedException {
      int form = ch.pick(0, 31);
      Optional<AldrinValue> data = switch (ch.pick(0, 7)) {
        case 0 -> Optional.of(new AldrinValue.StringValue(REJECT));
        case 1 -> Optional.of(ValueCodec.decode(value(ValueEpoch.V1)));
        default -> Optional.empty();
      };
      boolean rejected = data.equals(Optional.of(new AldrinValue.StringValue(REJECT)));
      if (form <= 1) {
        // The first handshake: only 1.14, its data the whole value.
        int minor = ch.flag() ? 14 : ch.pick(0, 30);
        RawValue v = data.map(d -> ValueCodec.encode(d, ValueEpoch.V1)).orElse(RawValue.NONE);
        AldrinMessage expected = minor != 14
            ? new ConnectReply(new ConnectReply.Result.IncompatibleVersion(14))
            : rejected ? new ConnectReply(new ConnectReply.Result.Rejected(RawValue.NONE))
            : new ConnectReply(new ConnectReply.Result.Ok(RawValue.NONE));
        log(slot, "Connect 1." + minor);
        handshake(slot, new Connect(minor, v), expected, ValueEpoch.V1);
      } else if (form == 2) {
        log(slot, "Sync before any handshake");
        handshake(slot, new Sync(0), null, ValueEpoch.V1);
      } else if (form == 3) {
        // Connect2 data that is no connect-data struct: dropped without an answer.
        log(slot, "Connect2 with bad data");
        handshake(slot, new Connect2(1, 20, RawValue.NONE), null, ValueEpoch.V2);
      } else {
        int major = form == 4 ? ch.pick(0, 2) : 1;
        int minor = form == 4 ? ch.anyInt() : ch.pick(14, 22);
        boolean compatible = major == 1 && Integer.compareUnsigned(minor, 14) >= 0;
        int agreed = compatible && Integer.compareUnsigned(minor, 20) > 0 ? 20 : minor;
        ValueEpoch epoch = compatible ? ValueEpoch.of(new ProtocolVersion(1, agreed))
            : ValueEpoch.V1;
        AldrinMessage expected = !compatible
            ? new ConnectReply2(new ConnectReply2.Result.IncompatibleVersion(),
                connectData(Optional.empty(), ValueEpoch.V1))
            : rejected ? new ConnectReply2(new ConnectReply2.Result.Rejected(),
                connectData(Optional.empty(), epoch))
            : replyOk(agreed);
        log(slot, "Connect2 " + major + "." + Integer.toUnsignedString(minor));
        handshake(slot, new Connect2(major, minor, connectData(data)), expected, epoch);
      }
    }

    /**
     * Connects a client and checks the answer to its first message.
     *
     * @param expected the answer, or null if the broker must close without one
     */
    private void handshake(int slot, AldrinMessage hello, AldrinMessage expected,
        ValueEpoch epoch) throws InterruptedException {
      SessionClient c;
      try {
        c = new SessionClient(broker, slot, epoch, this::failed);
      } catch (IOException e) {
        throw new AssertionError("cannot open pipes", e);
      }
      clients[slot] = c;
      c.send(hello);
      long deadline = deadline();
      Object first = c.next(deadline);
      if (first == null) {
        throw fail("no handshake answer within " + STEP_LIMIT.toSeconds() + " s", null);
      }
      if (expected == null) {
        if (first != SessionClient.END) {
          throw fail("answered " + first + " instead of closing", null);
        }
        ended(slot, deadline);
        return;
      }
      if (!expected.equals(first)) {
        throw fail("handshake answered " + first + ", expected " + expected, null);
      }
      if (c.version() == null) {
        Object after = c.next(deadline);
        if (after != SessionClient.END) {
          throw fail("after refusing, " + (after == null ? "not closed" : "sent " + after),
              null);
        }
        ended(slot, deadline);
      }
    }

    private void disconnect(int slot) throws InterruptedException {
      SessionClient c = clients[slot];
      if (ch.pick(0, 3) == 0) {
        // cut inside a frame: a length prefix promising more than follows
        byte[] torn = ch.bytes(12);
        log(slot, "cut after " + torn.length + " bytes");
        c.sendBytes(torn);
      } else {
        log(slot, "cut");
      }
      c.cut();
      ended(slot, deadline());
    }

    private void shutdown(int slot) throws InterruptedException {
      SessionClient c = clients[slot];
      log(slot, "Shutdown");
      c.send(new Shutdown());
      long deadline = deadline();
      Object last = null;
      while (true) {
        Object o = c.next(deadline);
        if (o == null) {
          throw fail("Shutdown not answered within " + STEP_LIMIT.toSeconds() + " s", null);
        }
        if (o == SessionClient.END) {
          break;
        }
        learn(slot, (AldrinMessage) o);
        last = o;
      }
      if (!(last instanceof Shutdown) || c.tornTail()) {
        throw fail("Shutdown answered with " + last + (c.tornTail() ? " and a torn frame" : ""),
            null);
      }
      ended(slot, deadline);
    }

    /** A well-formed message with up to four bytes after the length prefix changed. */
    private void mutated(int slot, SessionClient c) {
      byte[] f = MessageCodec.encode(message(slot, c.version()));
      int edits = ch.pick(1, 4);
      for (int e = 0; e < edits; e++) {
        int at = ch.pick(4, f.length - 1);
        switch (ch.pick(0, 2)) {
          case 0 -> f[at] = (byte) ch.anyInt();
          case 1 -> {
            byte[] longer = new byte[f.length + 1];
            System.arraycopy(f, 0, longer, 0, at);
            longer[at] = (byte) ch.anyInt();
            System.arraycopy(f, at, longer, at + 1, f.length - at);
            f = longer;
          }
          default -> {
            if (f.length > 5) {
              byte[] shorter = new byte[f.length - 1];
              System.arraycopy(f, 0, shorter, 0, at);
              System.arraycopy(f, at + 1, shorter, at, f.length - at - 1);
              f = shorter;
            }
          }
        }
      }
      // The prefix stays true, so the broker gets one whole frame and the next Sync is its own.
      int n = f.length;
      f[0] = (byte) n;
      f[1] = (byte) (n >>> 8);
      f[2] = (byte) (n >>> 16);
      f[3] = (byte) (n >>> 24);
      log(slot, "mutated frame of kind byte " + (f[4] & 0xFF));
      c.sendBytes(f);
    }

    /**
     * Every connected client sends Sync and waits for its answer; what arrives before it is
     * learned. A client the broker closed instead is gone.
     *
     * @param actor the client that sent a request, or -1
     * @param due the answer its request must have got before the SyncReply, or null
     */
    private void settle(int actor, Answer due) throws InterruptedException {
      int serial = SETTLE_SERIALS | (settles++ & 0x7FFF_FFFF);
      for (SessionClient c : clients) {
        if (c != null) {
          c.send(new Sync(serial));
        }
      }
      long deadline = deadline();
      int connected = 0;
      for (int slot = 0; slot < CLIENTS; slot++) {
        SessionClient c = clients[slot];
        if (c == null) {
          continue;
        }
        boolean answered = slot != actor || due == null;
        while (true) {
          Object o = c.next(deadline);
          if (o == null) {
            throw fail("client " + slot + " got no SyncReply within " + STEP_LIMIT.toSeconds()
                + " s", null);
          }
          if (o == SessionClient.END) {
            closedByBroker++;
            ended(slot, deadline);
            break;
          }
          AldrinMessage m = (AldrinMessage) o;
          if (m instanceof SyncReply r && r.serial() == serial) {
            if (!answered) {
              throw fail("client " + slot + " got no " + due.kind() + " for serial "
                  + Integer.toUnsignedString(due.serial()), null);
            }
            connected++;
            break;
          }
          answered |= due != null && m.kind() == due.kind() && answerSerial(m) == due.serial();
          learn(slot, m);
        }
      }
      checkFailure();
      int gauge = broker.takeStatistics().connections();
      if (gauge != connected) {
        throw fail("the broker counts " + gauge + " connections, " + connected + " are", null);
      }
    }

    /** The broker closed the client's connection, or the client cut it: serving must end. */
    private void ended(int slot, long deadline) throws InterruptedException {
      SessionClient c = clients[slot];
      if (!c.awaitEnd(deadline)) {
        throw fail("client " + slot + " still served " + STEP_LIMIT.toSeconds()
            + " s after its connection ended", null);
      }
      c.close();
      clients[slot] = null;
      checkFailure();
    }

    void closeAll() {
      for (int slot = 0; slot < CLIENTS; slot++) {
        if (clients[slot] != null) {
          clients[slot].close();
          clients[slot] = null;
        }
      }
    }

    // --- what the clients learn ----------------------------------------------------------

    private void learn(int slot, AldrinMessage m) {
      received.merge(m.kind(), 1, Integer::sum);
      switch (m) {
        case CreateObjectReply r when r.result() instanceof CreateObjectReply.Result.Ok ok ->
            add(objectCookies, slot, ok.cookie());
        case CreateServiceReply r when r.result() instanceof CreateServiceReply.Result.Ok ok ->
            add(serviceCookies, slot, ok.cookie());
        case CreateChannelReply r -> add(channelCookies, slot, r.cookie());
        case CreateBusListenerReply r -> add(listenerCookies, slot, r.cookie());
        case EmitBusEvent e -> {
          switch (e.event()) {
            case BusEvent.ObjectCreated o -> add(objectCookies, slot, o.object().cookie());
            case BusEvent.ServiceCreated s -> add(serviceCookies, slot, s.service().cookie());
            default -> {
              // a destroyed one stays in the pool: a stale cookie is worth sending too
            }
          }
        }
        case CallFunction c -> add(callsReceived, slot, c.serial());
        case CallFunction2 c -> add(callsReceived, slot, c.serial());
        case QueryIntrospection q -> add(queriesReceived, slot, q.serial());
        default -> {
          // answers without ids
        }
      }
    }

    private static <T> void add(List<Learned<T>> pool, int slot, T id) {
      Learned<T> item = new Learned<>(slot, id);
      if (pool.size() < POOL && !pool.contains(item)) {
        pool.add(item);
      }
    }

    // --- messages ------------------------------------------------------------------------

    /** A well-formed message of a kind clients send, now and then one of the version's lacks. */
    private AldrinMessage message(int slot, ProtocolVersion v) {
      if (ch.pick(0, 63) == 0) {
        // a kind only the broker sends, or a second handshake: the client is dropped
        return ch.flag() ? new SyncReply(serial())
            : new Connect2(1, 20, connectData(Optional.empty()));
      }
      ValueEpoch epoch = ValueEpoch.of(v);
      if (ch.flag()) {
        // a service owner or registrant mostly answers what it was sent
        Optional<AldrinMessage> answer = answer(slot, epoch);
        if (answer.isPresent()) {
          return answer.get();
        }
      }
      List<MessageKind> kinds = ch.pick(0, 31) == 0 ? CLIENT_KINDS
          : (ch.flag() ? FLOW_KINDS : CLIENT_KINDS).stream().filter(k -> k.isAvailableIn(v))
              .toList();
      MessageKind kind = kinds.get(ch.pick(0, kinds.size() - 1));
      if (ch.pick(0, 3) != 0) {
        kind = prerequisite(kind, slot);
      }
      return switch (kind) {
        case CREATE_OBJECT -> new CreateObject(serial(), objectUuid());
        case DESTROY_OBJECT -> new DestroyObject(serial(), pick(objectCookies, slot));
        case CREATE_SERVICE -> new CreateService(serial(), pick(objectCookies, slot), serviceUuid(),
            ch.pick(0, 3));
        case CREATE_SERVICE2 -> new CreateService2(serial(), pick(objectCookies, slot),
            serviceUuid(), ch.pick(0, 15) == 0 ? value(epoch) : ValueCodec.encode(serviceInfo(), epoch));
        case DESTROY_SERVICE -> new DestroyService(serial(), pick(serviceCookies, slot));
        case CALL_FUNCTION -> {
          int serial = serial();
          add(callsMade, slot, serial);
          yield new CallFunction(serial, pick(serviceCookies, slot), ch.pick(0, 3), value(epoch));
        }
        case CALL_FUNCTION2 -> {
          int serial = serial();
          add(callsMade, slot, serial);
          yield new CallFunction2(serial, pick(serviceCookies, slot), ch.pick(0, 3),
              ch.flag() ? OptionalInt.empty() : OptionalInt.of(ch.pick(0, 3)), value(epoch));
        }
        case CALL_FUNCTION_REPLY -> callReply(serial(callsReceived, slot), epoch);
        case ABORT_FUNCTION_CALL -> new AbortFunctionCall(serial(callsMade, slot));
        case SUBSCRIBE_EVENT -> new SubscribeEvent(optionalSerial(), pick(serviceCookies, slot),
            event());
        case UNSUBSCRIBE_EVENT -> new UnsubscribeEvent(pick(serviceCookies, slot), event());
        case EMIT_EVENT -> new EmitEvent(pick(serviceCookies, slot), event(), value(epoch));
        case QUERY_SERVICE_VERSION -> new QueryServiceVersion(serial(), pick(serviceCookies, slot));
        case QUERY_SERVICE_INFO -> new QueryServiceInfo(serial(), pick(serviceCookies, slot));
        case SUBSCRIBE_SERVICE -> new SubscribeService(serial(), pick(serviceCookies, slot));
        case UNSUBSCRIBE_SERVICE -> new UnsubscribeService(pick(serviceCookies, slot));
        case SUBSCRIBE_ALL_EVENTS -> new SubscribeAllEvents(optionalSerial(),
            pick(serviceCookies, slot));
        case UNSUBSCRIBE_ALL_EVENTS -> new UnsubscribeAllEvents(
            ch.flag() ? OptionalInt.empty() : OptionalInt.of(serial()), pick(serviceCookies, slot));
        case CREATE_CHANNEL -> new CreateChannel(serial(), channelEnd());
        case CLOSE_CHANNEL_END -> new CloseChannelEnd(serial(), pick(channelCookies, slot),
            ch.flag() ? ChannelEnd.SENDER : ChannelEnd.RECEIVER);
        case CLAIM_CHANNEL_END -> new ClaimChannelEnd(serial(), pick(channelCookies, slot),
            channelEnd());
        case SEND_ITEM -> new SendItem(pick(channelCookies, slot), value(epoch));
        case ADD_CHANNEL_CAPACITY -> new AddChannelCapacity(pick(channelCookies, slot), capacity());
        case SYNC -> new Sync(serial());
        case CREATE_BUS_LISTENER -> new CreateBusListener(serial());
        case DESTROY_BUS_LISTENER -> new DestroyBusListener(serial(), pick(listenerCookies, slot));
        case ADD_BUS_LISTENER_FILTER -> new AddBusListenerFilter(pick(listenerCookies, slot),
            filter());
        case REMOVE_BUS_LISTENER_FILTER -> new RemoveBusListenerFilter(pick(listenerCookies, slot),
            filter());
        case CLEAR_BUS_LISTENER_FILTERS -> new ClearBusListenerFilters(pick(listenerCookies, slot));
        case START_BUS_LISTENER -> new StartBusListener(serial(), pick(listenerCookies, slot),
            BusListenerScope.values()[ch.pick(0, 2)]);
        case STOP_BUS_LISTENER -> new StopBusListener(serial(), pick(listenerCookies, slot));
        case REGISTER_INTROSPECTION -> new RegisterIntrospection(
            ch.pick(0, 15) == 0 ? value(epoch) : ValueCodec.encode(typeIds(), epoch));
        case QUERY_INTROSPECTION -> new QueryIntrospection(serial(), typeId());
        case QUERY_INTROSPECTION_REPLY -> queryReply(serial(queriesReceived, slot), epoch);
        default -> throw new IllegalStateException("no message made for " + kind);
      };
    }

    /**
     * Most messages are about an object, service, channel or bus listener; while the client
     * knows none to refer to, it makes one first (so that programs get deep quickly).
     *
     * @return the kind to send instead of {@code kind}, or {@code kind}
     */
    private MessageKind prerequisite(MessageKind kind, int slot) {
      boolean ownObject = objectCookies.stream().anyMatch(l -> l.slot() == slot);
      MessageKind makeService = ownObject ? MessageKind.CREATE_SERVICE : MessageKind.CREATE_OBJECT;
      return switch (kind) {
        case CREATE_SERVICE, CREATE_SERVICE2, DESTROY_OBJECT ->
            ownObject ? kind : MessageKind.CREATE_OBJECT;
        case EMIT_EVENT, DESTROY_SERVICE ->
            serviceCookies.stream().anyMatch(l -> l.slot() == slot) ? kind : makeService;
        case CALL_FUNCTION, CALL_FUNCTION2, SUBSCRIBE_EVENT, UNSUBSCRIBE_EVENT,
            SUBSCRIBE_ALL_EVENTS, UNSUBSCRIBE_ALL_EVENTS, SUBSCRIBE_SERVICE, UNSUBSCRIBE_SERVICE,
            QUERY_SERVICE_VERSION, QUERY_SERVICE_INFO ->
            serviceCookies.isEmpty() ? makeService : kind;
        case CLOSE_CHANNEL_END, CLAIM_CHANNEL_END, SEND_ITEM, ADD_CHANNEL_CAPACITY ->
            channelCookies.isEmpty() ? MessageKind.CREATE_CHANNEL : kind;
        case DESTROY_BUS_LISTENER, ADD_BUS_LISTENER_FILTER, REMOVE_BUS_LISTENER_FILTER,
            CLEAR_BUS_LISTENER_FILTERS, START_BUS_LISTENER, STOP_BUS_LISTENER ->
            listenerCookies.stream().anyMatch(l -> l.slot() == slot) ? kind
                : MessageKind.CREATE_BUS_LISTENER;
        default -> kind;
      };
    }

    /**
     * @return the answer to a call or introspection query the broker sent this client, if it
     *     has one; a query answered is taken out of the pool, as answering it twice closes the
     *     connection
     */
    private Optional<AldrinMessage> answer(int slot, ValueEpoch epoch) {
      List<Learned<Integer>> calls = callsReceived.stream().filter(l -> l.slot() == slot)
          .toList();
      List<Learned<Integer>> queries = queriesReceived.stream().filter(l -> l.slot() == slot)
          .toList();
      if (!queries.isEmpty() && (calls.isEmpty() || ch.flag())) {
        Learned<Integer> q = queries.get(ch.pick(0, queries.size() - 1));
        queriesReceived.remove(q);
        return Optional.of(queryReply(q.id(), epoch));
      }
      if (!calls.isEmpty()) {
        return Optional.of(callReply(calls.get(ch.pick(0, calls.size() - 1)).id(), epoch));
      }
      return Optional.empty();
    }

    private CallFunctionReply callReply(int serial, ValueEpoch epoch) {
      return new CallFunctionReply(serial, switch (ch.pick(0, 5)) {
        case 0 -> new CallFunctionReply.Result.Ok(value(epoch));
        case 1 -> new CallFunctionReply.Result.Err(value(epoch));
        case 2 -> new CallFunctionReply.Result.Aborted();
        case 3 -> new CallFunctionReply.Result.InvalidService();
        case 4 -> new CallFunctionReply.Result.InvalidFunction();
        default -> new CallFunctionReply.Result.InvalidArgs();
      });
    }

    private QueryIntrospectionReply queryReply(int serial, ValueEpoch epoch) {
      return new QueryIntrospectionReply(serial, ch.flag()
          ? new QueryIntrospectionReply.Result.Ok(value(epoch))
          : new QueryIntrospectionReply.Result.Unavailable());
    }

    /** A small serial mostly, so that a client's pending serials collide now and then. */
    private int serial() {
      return ch.pick(0, 3) == 0 ? ch.anyInt() & 0x7FFF_FFFF : ch.pick(0, 7);
    }

    /** Mostly present: a request without serial closes the connection. */
    private OptionalInt optionalSerial() {
      return ch.pick(0, 15) == 0 ? OptionalInt.empty() : OptionalInt.of(serial());
    }

    /**
     * @return mostly a cookie from the pool, half of those learned by this client (its own
     *     objects, services, channels and listeners), else one the broker never gave out
     */
    private UUID pick(List<Learned<UUID>> pool, int slot) {
      if (pool.isEmpty() || ch.pick(0, 3) == 0) {
        return new UUID(0xC00C1EL, ch.pick(0, 3));
      }
      return choose(pool, slot);
    }

    /** @return mostly a serial this client learned (a call it got or made), else a made-up one */
    private int serial(List<Learned<Integer>> pool, int slot) {
      if (pool.stream().noneMatch(l -> l.slot() == slot) || ch.pick(0, 3) == 0) {
        return serial();
      }
      List<Learned<Integer>> mine = pool.stream().filter(l -> l.slot() == slot).toList();
      return mine.get(ch.pick(0, mine.size() - 1)).id();
    }

    private <T> T choose(List<Learned<T>> pool, int slot) {
      List<Learned<T>> mine = pool.stream().filter(l -> l.slot() == slot).toList();
      List<Learned<T>> from = !mine.isEmpty() && ch.flag() ? mine : pool;
      return from.get(ch.pick(0, from.size() - 1)).id();
    }

    // Two event ids, so that an emitted event often has subscribers.
    private int event() {
      return ch.pick(0, 1);
    }

    // Few object, service and type ids, so that clients meet duplicates and each other's.
    private UUID objectUuid() {
      return new UUID(0x0B1ECL, ch.pick(0, 5));
    }

    private UUID serviceUuid() {
      return new UUID(0x5E7ADL, ch.pick(0, 3));
    }

    private UUID typeId() {
      return new UUID(0x7A9EL, ch.pick(0, 3));
    }

    private AldrinValue typeIds() {
      List<AldrinValue> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if (ch.flag()) {
          ids.add(new AldrinValue.UuidValue(new UUID(0x7A9EL, i)));
        }
      }
      return new AldrinValue.SetValue(KeyType.UUID, ids);
    }

    private AldrinValue serviceInfo() {
      return new ServiceInfo(ch.pick(0, 3),
          ch.flag() ? Optional.empty() : Optional.of(typeId()),
          switch (ch.pick(0, 2)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(false);
            default -> Optional.of(true);
          }).toValue();
    }

    private ChannelEndWithCapacity channelEnd() {
      return ch.flag() ? new ChannelEndWithCapacity.Sender()
          : new ChannelEndWithCapacity.Receiver(capacity());
    }

    /** Mostly a few items, now and then any u32 (credit overflow closes the receiver). */
    private int capacity() {
      return ch.pick(0, 3) == 0 ? ch.anyInt() : ch.pick(0, 8);
    }

    private BusListenerFilter filter() {
      Optional<UUID> object = ch.flag() ? Optional.empty() : Optional.of(objectUuid());
      return ch.flag() ? new BusListenerFilter.ObjectFilter(object)
          : new BusListenerFilter.ServiceFilter(object,
              ch.flag() ? Optional.empty() : Optional.of(serviceUuid()));
    }

    /**
     * A value the sender's epoch allows: none, a number, a nested value with the broker's own
     * ids in it, or bytes from the input that pass the sender's strict decoder (so the fuzzer
     * explores which values survive forwarding to a receiver of another version).
     */
    private RawValue value(ValueEpoch epoch) {
      AldrinValue tree = switch (ch.pick(0, 4)) {
        case 0 -> new AldrinValue.None();
        case 1 -> new AldrinValue.U32(ch.anyInt());
        case 2 -> new AldrinValue.Struct(List.of(
            new AldrinValue.Field(0, new AldrinValue.Vec(List.of(
                new AldrinValue.StringValue("ä".repeat(ch.pick(0, 9))),
                new AldrinValue.Some(new AldrinValue.Sender(pick(channelCookies, -1)))))),
            new AldrinValue.Field(ch.pick(1, 3), new AldrinValue.MapValue(KeyType.U8,
                List.of(new AldrinValue.MapEntry(new AldrinValue.U8(ch.pick(0, 255)),
                    new AldrinValue.Receiver(pick(channelCookies, -1))))))));
        case 3 -> new AldrinValue.EnumValue(ch.pick(0, 2),
            new AldrinValue.UuidValue(pick(objectCookies, -1)));
        default -> null;
      };
      if (tree != null) {
        return ValueCodec.encode(tree, epoch);
      }
      try {
        return ValueCodec.validate(ch.bytes(48), epoch, DecodeRules.STRICT);
      } catch (AldrinDecodeException e) {
        return RawValue.NONE;
      }
    }

    private RawValue connectData(Optional<AldrinValue> user) {
      return connectData(user, ValueEpoch.V2);
    }

    private RawValue connectData(Optional<AldrinValue> user, ValueEpoch epoch) {
      return ValueCodec.encode(HandshakeData.of(user), epoch);
    }

    private ConnectReply2 replyOk(int minor) {
      return new ConnectReply2(new ConnectReply2.Result.Ok(minor),
          connectData(Optional.empty(), ValueEpoch.of(new ProtocolVersion(1, minor))));
    }

    // --- failures ------------------------------------------------------------------------

    private void log(int slot, String step) {
      steps.append(slot).append(':').append(step).append("; ");
    }

    private void failed(Throwable t) {
      failure.compareAndSet(null, t);
    }

    private void checkFailure() {
      Throwable t = failure.getAndSet(null);
      if (t != null) {
        throw fail(t.toString(), t);
      }
    }

    private AssertionError fail(String what, Throwable cause) {
      return new AssertionError(what + "; steps: " + steps, cause);
    }
  }

  /**
   * An answer the broker owes a client at once.
   *
   * @param kind the answer's kind
   * @param serial the request's serial
   */
  private record Answer(MessageKind kind, int serial) {}

  /**
   * @param request a message a client sent
   * @return the answer aldrin-broker gives it at once whatever the state (unless it closes the
   *     connection), or null for messages without one or whose answer may wait (calls,
   *     introspection queries)
   */
  private static Answer answerDue(AldrinMessage request) {
    return switch (request) {
      case CreateObject r -> new Answer(MessageKind.CREATE_OBJECT_REPLY, r.serial());
      case DestroyObject r -> new Answer(MessageKind.DESTROY_OBJECT_REPLY, r.serial());
      case CreateService r -> new Answer(MessageKind.CREATE_SERVICE_REPLY, r.serial());
      case CreateService2 r -> new Answer(MessageKind.CREATE_SERVICE_REPLY, r.serial());
      case DestroyService r -> new Answer(MessageKind.DESTROY_SERVICE_REPLY, r.serial());
      case SubscribeEvent r when r.serial().isPresent() ->
          new Answer(MessageKind.SUBSCRIBE_EVENT_REPLY, r.serial().getAsInt());
      case QueryServiceVersion r -> new Answer(MessageKind.QUERY_SERVICE_VERSION_REPLY,
          r.serial());
      case QueryServiceInfo r -> new Answer(MessageKind.QUERY_SERVICE_INFO_REPLY, r.serial());
      case SubscribeService r -> new Answer(MessageKind.SUBSCRIBE_SERVICE_REPLY, r.serial());
      case SubscribeAllEvents r when r.serial().isPresent() ->
          new Answer(MessageKind.SUBSCRIBE_ALL_EVENTS_REPLY, r.serial().getAsInt());
      case UnsubscribeAllEvents r when r.serial().isPresent() ->
          new Answer(MessageKind.UNSUBSCRIBE_ALL_EVENTS_REPLY, r.serial().getAsInt());
      case CreateChannel r -> new Answer(MessageKind.CREATE_CHANNEL_REPLY, r.serial());
      case CloseChannelEnd r -> new Answer(MessageKind.CLOSE_CHANNEL_END_REPLY, r.serial());
      case ClaimChannelEnd r -> new Answer(MessageKind.CLAIM_CHANNEL_END_REPLY, r.serial());
      case Sync r -> new Answer(MessageKind.SYNC_REPLY, r.serial());
      case CreateBusListener r -> new Answer(MessageKind.CREATE_BUS_LISTENER_REPLY, r.serial());
      case DestroyBusListener r -> new Answer(MessageKind.DESTROY_BUS_LISTENER_REPLY,
          r.serial());
      case StartBusListener r -> new Answer(MessageKind.START_BUS_LISTENER_REPLY, r.serial());
      case StopBusListener r -> new Answer(MessageKind.STOP_BUS_LISTENER_REPLY, r.serial());
      default -> null;
    };
  }

  /** @return the serial of an answer of a kind {@link #answerDue} names */
  private static int answerSerial(AldrinMessage answer) {
    return switch (answer) {
      case CreateObjectReply r -> r.serial();
      case DestroyObjectReply r -> r.serial();
      case CreateServiceReply r -> r.serial();
      case DestroyServiceReply r -> r.serial();
      case SubscribeEventReply r -> r.serial();
      case QueryServiceVersionReply r -> r.serial();
      case QueryServiceInfoReply r -> r.serial();
      case SubscribeServiceReply r -> r.serial();
      case SubscribeAllEventsReply r -> r.serial();
      case UnsubscribeAllEventsReply r -> r.serial();
      case CreateChannelReply r -> r.serial();
      case CloseChannelEndReply r -> r.serial();
      case ClaimChannelEndReply r -> r.serial();
      case SyncReply r -> r.serial();
      case CreateBusListenerReply r -> r.serial();
      case DestroyBusListenerReply r -> r.serial();
      case StartBusListenerReply r -> r.serial();
      case StopBusListenerReply r -> r.serial();
      default -> throw new IllegalArgumentException("not an answer with serial: " + answer);
    };
  }

  private static long deadline() {
    return System.nanoTime() + STEP_LIMIT.toNanos();
  }
}

package org.loombus.aldrin.protocol;

/**
 * The message kinds of Aldrin protocol 1.20, with the byte that identifies each on the wire, the
 * oldest minor version that has it, and who sends it. Ids are dense from 0 to {@value #MAX_ID}.
 */
public enum MessageKind {
  /** 0: Connect: first handshake (1.14 only); the broker accepts it only as the first message. */
  CONNECT(0, true, 14, true, false),
  /** 1: Answer to Connect. */
  CONNECT_REPLY(1, true, 14, false, true),
  /** 2: Either side ends the connection; the other answers with Shutdown. */
  SHUTDOWN(2, false, 14, true, true),
  /** 3: Create an object with a UUID. */
  CREATE_OBJECT(3, false, 14, true, false),
  /** 4: Answer to CreateObject: the object cookie or a duplicate. */
  CREATE_OBJECT_REPLY(4, false, 14, false, true),
  /** 5: Destroy one's own object. */
  DESTROY_OBJECT(5, false, 14, true, false),
  /** 6: Answer to DestroyObject. */
  DESTROY_OBJECT_REPLY(6, false, 14, false, true),
  /** 7: Create a service on one's own object, with a version number. */
  CREATE_SERVICE(7, false, 14, true, false),
  /** 8: Answer to CreateService and CreateService2. */
  CREATE_SERVICE_REPLY(8, false, 14, false, true),
  /** 9: Destroy one's own service. */
  DESTROY_SERVICE(9, false, 14, true, false),
  /** 10: Answer to DestroyService. */
  DESTROY_SERVICE_REPLY(10, false, 14, false, true),
  /** 11: Call a function: caller to broker, broker to the service owner. */
  CALL_FUNCTION(11, true, 14, true, true),
  /** 12: Result of a call: owner to broker, broker to caller. */
  CALL_FUNCTION_REPLY(12, true, 14, true, true),
  /**
   * 13: Subscribe to an event; the broker forwards it, without serial, to the owner on the first
   * subscription.
   */
  SUBSCRIBE_EVENT(13, false, 14, true, true),
  /** 14: Answer to SubscribeEvent. */
  SUBSCRIBE_EVENT_REPLY(14, false, 14, false, true),
  /** 15: Drop an event subscription; the broker tells the owner when the last one goes. */
  UNSUBSCRIBE_EVENT(15, false, 14, true, true),
  /** 16: Emit an event: owner to broker, broker to subscribers. */
  EMIT_EVENT(16, true, 14, true, true),
  /** 17: Ask for a service's version. */
  QUERY_SERVICE_VERSION(17, false, 14, true, false),
  /** 18: Answer to QueryServiceVersion. */
  QUERY_SERVICE_VERSION_REPLY(18, false, 14, false, true),
  /** 19: Create a channel, claiming one end. */
  CREATE_CHANNEL(19, false, 14, true, false),
  /** 20: Answer to CreateChannel: the channel cookie. */
  CREATE_CHANNEL_REPLY(20, false, 14, false, true),
  /** 21: Close one end of a channel. */
  CLOSE_CHANNEL_END(21, false, 14, true, false),
  /** 22: Answer to CloseChannelEnd. */
  CLOSE_CHANNEL_END_REPLY(22, false, 14, false, true),
  /** 23: The other end of a channel was closed. */
  CHANNEL_END_CLOSED(23, false, 14, false, true),
  /** 24: Claim the unclaimed end of a channel. */
  CLAIM_CHANNEL_END(24, false, 14, true, false),
  /** 25: Answer to ClaimChannelEnd. */
  CLAIM_CHANNEL_END_REPLY(25, false, 14, false, true),
  /** 26: The other end of a channel was claimed. */
  CHANNEL_END_CLAIMED(26, false, 14, false, true),
  /** 27: Send an item into a channel. */
  SEND_ITEM(27, true, 14, true, false),
  /** 28: An item arrived on a channel. */
  ITEM_RECEIVED(28, true, 14, false, true),
  /** 29: Receiver grants capacity; the broker passes it on to the sender. */
  ADD_CHANNEL_CAPACITY(29, false, 14, true, true),
  /** 30: Ask the broker to confirm everything before it was processed. */
  SYNC(30, false, 14, true, false),
  /** 31: Answer to Sync. */
  SYNC_REPLY(31, false, 14, false, true),
  /** 32: A service the client was subscribed to is gone. */
  SERVICE_DESTROYED(32, false, 14, false, true),
  /** 33: Create a bus listener. */
  CREATE_BUS_LISTENER(33, false, 14, true, false),
  /** 34: Answer to CreateBusListener: its cookie. */
  CREATE_BUS_LISTENER_REPLY(34, false, 14, false, true),
  /** 35: Destroy one's bus listener. */
  DESTROY_BUS_LISTENER(35, false, 14, true, false),
  /** 36: Answer to DestroyBusListener. */
  DESTROY_BUS_LISTENER_REPLY(36, false, 14, false, true),
  /** 37: Add a filter to a bus listener (no answer). */
  ADD_BUS_LISTENER_FILTER(37, false, 14, true, false),
  /** 38: Remove a filter from a bus listener (no answer). */
  REMOVE_BUS_LISTENER_FILTER(38, false, 14, true, false),
  /** 39: Remove all filters of a bus listener (no answer). */
  CLEAR_BUS_LISTENER_FILTERS(39, false, 14, true, false),
  /** 40: Start a bus listener with a scope. */
  START_BUS_LISTENER(40, false, 14, true, false),
  /** 41: Answer to StartBusListener. */
  START_BUS_LISTENER_REPLY(41, false, 14, false, true),
  /** 42: Stop a bus listener. */
  STOP_BUS_LISTENER(42, false, 14, true, false),
  /** 43: Answer to StopBusListener. */
  STOP_BUS_LISTENER_REPLY(43, false, 14, false, true),
  /** 44: An object or service appeared or disappeared. */
  EMIT_BUS_EVENT(44, false, 14, false, true),
  /** 45: All events about what existed when the listener started have been sent. */
  BUS_LISTENER_CURRENT_FINISHED(45, false, 14, false, true),
  /** 46: Second handshake, with major and minor version and a data struct. */
  CONNECT2(46, true, 15, true, false),
  /** 47: Answer to Connect2, with the chosen minor version. */
  CONNECT_REPLY2(47, true, 15, false, true),
  /** 48: Caller gives up a call; the broker tells the owner. */
  ABORT_FUNCTION_CALL(48, false, 16, true, true),
  /** 49: Announce the type ids whose introspection the client can provide. */
  REGISTER_INTROSPECTION(49, true, 17, true, false),
  /** 50: Ask for the introspection of a type id; the broker may ask a registered client. */
  QUERY_INTROSPECTION(50, false, 17, true, true),
  /** 51: Introspection or its absence. */
  QUERY_INTROSPECTION_REPLY(51, true, 17, true, true),
  /** 52: Create a service described by a ServiceInfo value. */
  CREATE_SERVICE2(52, true, 17, true, false),
  /** 53: Ask for a service's ServiceInfo. */
  QUERY_SERVICE_INFO(53, false, 17, true, false),
  /** 54: Answer to QueryServiceInfo. */
  QUERY_SERVICE_INFO_REPLY(54, true, 17, false, true),
  /** 55: Be told when a service is destroyed. */
  SUBSCRIBE_SERVICE(55, false, 18, true, false),
  /** 56: Answer to SubscribeService. */
  SUBSCRIBE_SERVICE_REPLY(56, false, 18, false, true),
  /** 57: Drop a service subscription (no answer). */
  UNSUBSCRIBE_SERVICE(57, false, 18, true, false),
  /** 58: Subscribe to every event of a service; forwarded to the owner without serial. */
  SUBSCRIBE_ALL_EVENTS(58, false, 18, true, true),
  /** 59: Answer to SubscribeAllEvents. */
  SUBSCRIBE_ALL_EVENTS_REPLY(59, false, 18, false, true),
  /** 60: Drop an all-events subscription; forwarded to the owner without serial. */
  UNSUBSCRIBE_ALL_EVENTS(60, false, 18, true, true),
  /** 61: Answer to UnsubscribeAllEvents with a serial. */
  UNSUBSCRIBE_ALL_EVENTS_REPLY(61, false, 18, false, true),
  /** 62: Call a function, optionally naming the service version the caller expects. */
  CALL_FUNCTION2(62, true, 19, true, true);

  /** The largest message kind id. */
  public static final int MAX_ID = 62;

  private static final MessageKind[] BY_ID = new MessageKind[MAX_ID + 1];

  static {
    for (MessageKind k : values()) {
      BY_ID[k.id] = k;
    }
  }

  private final int id;
  private final boolean hasValue;
  private final int minMinor;
  private final boolean sentByClient;
  private final boolean sentByBroker;

  MessageKind(int id, boolean hasValue, int minMinor, boolean sentByClient, boolean sentByBroker) {
    this.id = id;
    this.hasValue = hasValue;
    this.minMinor = minMinor;
    this.sentByClient = sentByClient;
    this.sentByBroker = sentByBroker;
  }

  /**
   * @param id a kind byte, 0 to 255
   * @return the kind with that id, or {@code null} if protocol 1.20 has none
   */
  public static MessageKind fromId(int id) {
    return id >= 0 && id <= MAX_ID ? BY_ID[id] : null;
  }

  /** @return the kind byte */
  public int id() {
    return id;
  }

  /** @return whether frames of this kind carry a value slot after the kind byte */
  public boolean hasValue() {
    return hasValue;
  }

  /** @return the oldest protocol version (major 1) that has this kind */
  public ProtocolVersion minimumVersion() {
    return new ProtocolVersion(1, minMinor);
  }

  /**
   * @param version a negotiated protocol version
   * @return whether a peer of that version knows this kind
   */
  public boolean isAvailableIn(ProtocolVersion version) {
    return version.isAtLeast(minimumVersion());
  }

  /**
   * @return whether a client may send this kind to the broker; aldrin-broker closes the connection
   *     of a client that sends any other kind
   */
  public boolean sentByClient() {
    return sentByClient;
  }

  /** @return whether the broker sends this kind to clients */
  public boolean sentByBroker() {
    return sentByBroker;
  }
}

package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kind table against aldrin-core's {@code core/src/message/kind.rs} (ids and value slots) and
 * the version gates in {@code broker/src/broker.rs}.
 */
@DisplayName("Message kinds")
class MessageKindTest {
  @Test
  @DisplayName("ids run from 0 to 62 without gaps, in declaration order")
  void dense() {
    MessageKind[] all = MessageKind.values();
    assertEquals(63, all.length);
    for (int i = 0; i < all.length; i++) {
      assertEquals(i, all[i].id());
      assertEquals(all[i], MessageKind.fromId(i));
    }
    assertNull(MessageKind.fromId(63));
    assertNull(MessageKind.fromId(-1));
  }

  @Test
  @DisplayName("exactly the fourteen kinds of kind.rs has_value() carry a value")
  void valueKinds() {
    Set<MessageKind> expected =
        EnumSet.of(
            MessageKind.CONNECT, MessageKind.CONNECT_REPLY, MessageKind.CALL_FUNCTION,
            MessageKind.CALL_FUNCTION_REPLY, MessageKind.EMIT_EVENT, MessageKind.SEND_ITEM,
            MessageKind.ITEM_RECEIVED, MessageKind.CONNECT2, MessageKind.CONNECT_REPLY2,
            MessageKind.REGISTER_INTROSPECTION, MessageKind.QUERY_INTROSPECTION_REPLY,
            MessageKind.CREATE_SERVICE2, MessageKind.QUERY_SERVICE_INFO_REPLY,
            MessageKind.CALL_FUNCTION2);
    Set<MessageKind> actual = EnumSet.noneOf(MessageKind.class);
    for (MessageKind k : MessageKind.values()) {
      if (k.hasValue()) {
        actual.add(k);
      }
    }
    assertEquals(expected, actual);
  }

  @Test
  @DisplayName("first versions: 46-47 in 1.15, 48 in 1.16, 49-54 in 1.17, 55-61 in 1.18, 62: 1.19")
  void minimumVersions() {
    for (MessageKind k : MessageKind.values()) {
      int expected =
          k.id() <= 45 ? 14 : k.id() <= 47 ? 15 : k.id() == 48 ? 16 : k.id() <= 54 ? 17
              : k.id() <= 61 ? 18 : 19;
      assertEquals(new ProtocolVersion(1, expected), k.minimumVersion(), k.toString());
    }
    assertFalse(MessageKind.CALL_FUNCTION2.isAvailableIn(ProtocolVersion.V1_18));
    assertTrue(MessageKind.CALL_FUNCTION2.isAvailableIn(ProtocolVersion.V1_19));
  }

  @Test
  @DisplayName("replies and notifications only come from the broker")
  void directions() {
    assertFalse(MessageKind.SYNC_REPLY.sentByClient());
    assertTrue(MessageKind.SYNC_REPLY.sentByBroker());
    assertTrue(MessageKind.CALL_FUNCTION_REPLY.sentByClient());
    assertTrue(MessageKind.QUERY_INTROSPECTION_REPLY.sentByClient());
    assertFalse(MessageKind.EMIT_BUS_EVENT.sentByClient());
    assertFalse(MessageKind.SEND_ITEM.sentByBroker());
    // The kinds broker.rs handle_message() routes, plus what the connection and acceptor handle.
    Set<MessageKind> accepted =
        EnumSet.of(
            MessageKind.CREATE_OBJECT, MessageKind.DESTROY_OBJECT, MessageKind.CREATE_SERVICE,
            MessageKind.DESTROY_SERVICE, MessageKind.CALL_FUNCTION, MessageKind.CALL_FUNCTION2,
            MessageKind.CALL_FUNCTION_REPLY, MessageKind.SUBSCRIBE_EVENT,
            MessageKind.UNSUBSCRIBE_EVENT, MessageKind.EMIT_EVENT,
            MessageKind.QUERY_SERVICE_VERSION, MessageKind.CREATE_CHANNEL,
            MessageKind.CLOSE_CHANNEL_END, MessageKind.CLAIM_CHANNEL_END,
            MessageKind.ADD_CHANNEL_CAPACITY, MessageKind.SEND_ITEM, MessageKind.SYNC,
            MessageKind.CREATE_BUS_LISTENER, MessageKind.DESTROY_BUS_LISTENER,
            MessageKind.ADD_BUS_LISTENER_FILTER, MessageKind.REMOVE_BUS_LISTENER_FILTER,
            MessageKind.CLEAR_BUS_LISTENER_FILTERS, MessageKind.START_BUS_LISTENER,
            MessageKind.STOP_BUS_LISTENER, MessageKind.ABORT_FUNCTION_CALL,
            MessageKind.REGISTER_INTROSPECTION, MessageKind.QUERY_INTROSPECTION,
            MessageKind.QUERY_INTROSPECTION_REPLY, MessageKind.CREATE_SERVICE2,
            MessageKind.QUERY_SERVICE_INFO, MessageKind.SUBSCRIBE_SERVICE,
            MessageKind.UNSUBSCRIBE_SERVICE, MessageKind.SUBSCRIBE_ALL_EVENTS,
            MessageKind.UNSUBSCRIBE_ALL_EVENTS, MessageKind.SHUTDOWN, MessageKind.CONNECT,
            MessageKind.CONNECT2);
    Set<MessageKind> fromClients = EnumSet.noneOf(MessageKind.class);
    for (MessageKind k : MessageKind.values()) {
      assertTrue(k.sentByClient() || k.sentByBroker(), k.toString());
      if (k.sentByClient()) {
        fromClients.add(k);
      }
    }
    assertEquals(accepted, fromClients);
  }
}

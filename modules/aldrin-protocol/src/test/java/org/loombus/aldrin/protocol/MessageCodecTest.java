package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.aldrin.protocol.TestBytes.concat;
import static org.loombus.aldrin.protocol.TestBytes.hex;
import static org.loombus.aldrin.protocol.TestBytes.of;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loombus.aldrin.protocol.BusListenerFilter.ObjectFilter;
import org.loombus.aldrin.protocol.BusListenerFilter.ServiceFilter;

/**
 * Every message kind against aldrin-core's own serialized examples ({@link AldrinMessageVectors}),
 * then the decoder's strictness, one rule per test.
 */
@DisplayName("Messages")
class MessageCodecTest {
  static final UUID A = UUID.fromString("b7c3be13-5377-466e-b4bf-373876523d1b");
  static final UUID SVC = UUID.fromString("d3efd00b-7a7b-4bf7-bdd3-3c6632473347");
  static final UUID C = UUID.fromString("026c3142-530b-4d65-850d-a297dcc2fecb");
  static final UUID D = UUID.fromString("945fc6e4-e89c-4961-b7bc-4e0e8480dfad");
  static final UUID E = UUID.fromString("89e62438-2991-48f8-ae1d-7ad9ddcd7e72");
  static final UUID F = UUID.fromString("decf4b2f-562c-4c1b-b884-6147e3de76c0");
  static final UUID G = UUID.fromString("5437e974-e591-4823-b2cd-89da0dda1779");
  static final UUID H = UUID.fromString("b7f4930e-a673-4b3d-9545-7887fa8bde3f");
  static final UUID I = UUID.fromString("8a88cfe6-26ae-4c5a-8f70-5e11be41d25a");
  static final UUID BL = UUID.fromString("b66c0307-85cf-4a7c-8acf-6e99d0f407b7");
  static final UUID TYPE = UUID.fromString("cf41c688-4976-46a5-8e2d-48710258bc2c");
  static final ObjectId OBJECT =
      new ObjectId(
          UUID.fromString("3f5eb603-ce4b-4c48-bc5e-90907f55ab8a"),
          UUID.fromString("03dbbfa4-4476-4930-a4d7-28326efd7fc7"));
  static final ServiceId SERVICE =
      new ServiceId(
          OBJECT,
          UUID.fromString("affcb79b-e99c-4784-95e0-0dc99fcba8ff"),
          UUID.fromString("3722746e-76a8-4131-9832-42c4783f8997"));

  static final RawValue FOUR = raw(3, 4);
  static final RawValue EMPTY_STRUCT2 = raw(65, 0);

  static RawValue raw(int... bytes) {
    try {
      return ValueCodec.validate(of(bytes), ValueEpoch.V2, DecodeRules.STRICT);
    } catch (AldrinDecodeException e) {
      throw new AssertionError(e);
    }
  }

  static RawValue raw(byte[] bytes) {
    try {
      return ValueCodec.validate(bytes, ValueEpoch.V2, DecodeRules.STRICT);
    } catch (AldrinDecodeException e) {
      throw new AssertionError(e);
    }
  }

  private static Arguments v(String key, AldrinMessage message) {
    return Arguments.of(key, message);
  }

  static Stream<Arguments> aldrinVectors() {
    BusListenerFilter anyObject = new ObjectFilter(Optional.empty());
    BusListenerFilter oneObject = new ObjectFilter(Optional.of(H));
    BusListenerFilter anyService = new ServiceFilter(Optional.empty(), Optional.empty());
    BusListenerFilter servicesOfObject = new ServiceFilter(Optional.of(H), Optional.empty());
    BusListenerFilter serviceAnywhere = new ServiceFilter(Optional.empty(), Optional.of(H));
    BusListenerFilter serviceOfObject = new ServiceFilter(Optional.of(I), Optional.of(H));
    RawValue serviceInfo = raw(65, 1, 0, 7, 2, 0);
    RawValue fullServiceInfo =
        raw(concat(of(65, 1, 0, 7, 2, 1, 1, 1, 14), uuid(TYPE), of(1, 2, 1, 2, 1, 0)));
    RawValue typeIds = raw(concat(of(64, 1), uuid(C), of(0)));
    return Stream.of(
        v("abort_function_call/sync", new AbortFunctionCall(1)),
        v("add_bus_listener_filter/any_object", new AddBusListenerFilter(E, anyObject)),
        v("add_bus_listener_filter/specific_object", new AddBusListenerFilter(E, oneObject)),
        v("add_bus_listener_filter/any_object_any_service",
            new AddBusListenerFilter(E, anyService)),
        v("add_bus_listener_filter/specific_object_any_service",
            new AddBusListenerFilter(E, servicesOfObject)),
        v("add_bus_listener_filter/any_object_specific_service",
            new AddBusListenerFilter(E, serviceAnywhere)),
        v("add_bus_listener_filter/specific_object_specific_service",
            new AddBusListenerFilter(E, serviceOfObject)),
        v("remove_bus_listener_filter/any_object", new RemoveBusListenerFilter(E, anyObject)),
        v("remove_bus_listener_filter/specific_object",
            new RemoveBusListenerFilter(E, oneObject)),
        v("remove_bus_listener_filter/any_object_any_service",
            new RemoveBusListenerFilter(E, anyService)),
        v("remove_bus_listener_filter/specific_object_any_service",
            new RemoveBusListenerFilter(E, servicesOfObject)),
        v("remove_bus_listener_filter/any_object_specific_service",
            new RemoveBusListenerFilter(E, serviceAnywhere)),
        v("remove_bus_listener_filter/specific_object_specific_service",
            new RemoveBusListenerFilter(E, serviceOfObject)),
        v("add_channel_capacity/add_channel_capacity", new AddChannelCapacity(E, 16)),
        v("bus_listener_current_finished/bus_listener_current_finished",
            new BusListenerCurrentFinished(E)),
        v("call_function/call_function", new CallFunction(1, C, 2, FOUR)),
        v("call_function2/call_function2_without_version",
            new CallFunction2(1, C, 2, OptionalInt.empty(), FOUR)),
        v("call_function2/call_function2_with_version",
            new CallFunction2(1, C, 2, OptionalInt.of(3), FOUR)),
        v("call_function_reply/ok",
            new CallFunctionReply(1, new CallFunctionReply.Result.Ok(FOUR))),
        v("call_function_reply/err",
            new CallFunctionReply(1, new CallFunctionReply.Result.Err(FOUR))),
        v("call_function_reply/aborted",
            new CallFunctionReply(1, new CallFunctionReply.Result.Aborted())),
        v("call_function_reply/invalid_service",
            new CallFunctionReply(1, new CallFunctionReply.Result.InvalidService())),
        v("call_function_reply/invalid_function",
            new CallFunctionReply(1, new CallFunctionReply.Result.InvalidFunction())),
        v("call_function_reply/invalid_args",
            new CallFunctionReply(1, new CallFunctionReply.Result.InvalidArgs())),
        v("channel_end_claimed/sender",
            new ChannelEndClaimed(E, new ChannelEndWithCapacity.Sender())),
        v("channel_end_claimed/receiver",
            new ChannelEndClaimed(E, new ChannelEndWithCapacity.Receiver(4))),
        v("channel_end_closed/sender", new ChannelEndClosed(E, ChannelEnd.SENDER)),
        v("channel_end_closed/receiver", new ChannelEndClosed(E, ChannelEnd.RECEIVER)),
        v("claim_channel_end/sender",
            new ClaimChannelEnd(0, E, new ChannelEndWithCapacity.Sender())),
        v("claim_channel_end/receiver",
            new ClaimChannelEnd(0, E, new ChannelEndWithCapacity.Receiver(16))),
        v("claim_channel_end_reply/sender_claimed",
            new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.SenderClaimed(2))),
        v("claim_channel_end_reply/receiver_claimed",
            new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.ReceiverClaimed())),
        v("claim_channel_end_reply/invalid_channel",
            new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.InvalidChannel())),
        v("claim_channel_end_reply/already_claimed",
            new ClaimChannelEndReply(1, new ClaimChannelEndReply.Result.AlreadyClaimed())),
        v("clear_bus_listener_filters/clear_bus_listener_filters",
            new ClearBusListenerFilters(E)),
        v("close_channel_end/sender", new CloseChannelEnd(1, F, ChannelEnd.SENDER)),
        v("close_channel_end/receiver", new CloseChannelEnd(1, F, ChannelEnd.RECEIVER)),
        v("close_channel_end_reply/ok",
            new CloseChannelEndReply(1, CloseChannelEndReply.Result.OK)),
        v("close_channel_end_reply/invalid_channel",
            new CloseChannelEndReply(1, CloseChannelEndReply.Result.INVALID_CHANNEL)),
        v("close_channel_end_reply/foreign_channel",
            new CloseChannelEndReply(1, CloseChannelEndReply.Result.FOREIGN_CHANNEL)),
        v("connect/connect", new Connect(1, FOUR)),
        v("connect2/connect2", new Connect2(1, 2, EMPTY_STRUCT2)),
        v("connect_reply/ok", new ConnectReply(new ConnectReply.Result.Ok(FOUR))),
        v("connect_reply/version_mismatch",
            new ConnectReply(new ConnectReply.Result.IncompatibleVersion(2))),
        v("connect_reply/rejected", new ConnectReply(new ConnectReply.Result.Rejected(FOUR))),
        v("connect_reply2/ok", new ConnectReply2(new ConnectReply2.Result.Ok(1), EMPTY_STRUCT2)),
        v("connect_reply2/rejected",
            new ConnectReply2(new ConnectReply2.Result.Rejected(), EMPTY_STRUCT2)),
        v("connect_reply2/incompatible_version",
            new ConnectReply2(new ConnectReply2.Result.IncompatibleVersion(), EMPTY_STRUCT2)),
        v("create_bus_listener/sync", new CreateBusListener(1)),
        v("create_bus_listener_reply/create_channel_reply", new CreateBusListenerReply(1, E)),
        v("create_channel/sender", new CreateChannel(1, new ChannelEndWithCapacity.Sender())),
        v("create_channel/receiver",
            new CreateChannel(1, new ChannelEndWithCapacity.Receiver(16))),
        v("create_channel_reply/create_channel_reply", new CreateChannelReply(1, E)),
        v("create_object/create_object", new CreateObject(1, A)),
        v("create_object_reply/ok", new CreateObjectReply(1, new CreateObjectReply.Result.Ok(A))),
        v("create_object_reply/duplicate_object",
            new CreateObjectReply(1, new CreateObjectReply.Result.DuplicateObject())),
        v("create_service/create_service", new CreateService(1, A, SVC, 2)),
        v("create_service2/create_service2", new CreateService2(1, A, SVC, serviceInfo)),
        v("create_service_reply/ok",
            new CreateServiceReply(1, new CreateServiceReply.Result.Ok(A))),
        v("create_service_reply/duplicate_service",
            new CreateServiceReply(1, new CreateServiceReply.Result.DuplicateService())),
        v("create_service_reply/invalid_object",
            new CreateServiceReply(1, new CreateServiceReply.Result.InvalidObject())),
        v("create_service_reply/foreign_object",
            new CreateServiceReply(1, new CreateServiceReply.Result.ForeignObject())),
        v("destroy_bus_listener/create_channel_reply", new DestroyBusListener(1, E)),
        v("destroy_bus_listener_reply/ok",
            new DestroyBusListenerReply(1, DestroyBusListenerReply.Result.OK)),
        v("destroy_bus_listener_reply/invalid_bus_listener",
            new DestroyBusListenerReply(1, DestroyBusListenerReply.Result.INVALID_BUS_LISTENER)),
        v("destroy_object/destroy_object", new DestroyObject(1, A)),
        v("destroy_object_reply/ok", new DestroyObjectReply(1, DestroyObjectReply.Result.OK)),
        v("destroy_object_reply/invalid_object",
            new DestroyObjectReply(1, DestroyObjectReply.Result.INVALID_OBJECT)),
        v("destroy_object_reply/foreign_object",
            new DestroyObjectReply(1, DestroyObjectReply.Result.FOREIGN_OBJECT)),
        v("destroy_service/destroy_service", new DestroyService(1, A)),
        v("destroy_service_reply/ok", new DestroyServiceReply(1, DestroyServiceReply.Result.OK)),
        v("destroy_service_reply/invalid_service",
            new DestroyServiceReply(1, DestroyServiceReply.Result.INVALID_SERVICE)),
        v("destroy_service_reply/foreign_object",
            new DestroyServiceReply(1, DestroyServiceReply.Result.FOREIGN_OBJECT)),
        v("emit_bus_event/object_created_without_cookie",
            new EmitBusEvent(Optional.empty(), new BusEvent.ObjectCreated(OBJECT))),
        v("emit_bus_event/object_destroyed_without_cookie",
            new EmitBusEvent(Optional.empty(), new BusEvent.ObjectDestroyed(OBJECT))),
        v("emit_bus_event/service_created_without_cookie",
            new EmitBusEvent(Optional.empty(), new BusEvent.ServiceCreated(SERVICE))),
        v("emit_bus_event/service_destroyed_without_cookie",
            new EmitBusEvent(Optional.empty(), new BusEvent.ServiceDestroyed(SERVICE))),
        v("emit_bus_event/object_created_with_cookie",
            new EmitBusEvent(Optional.of(BL), new BusEvent.ObjectCreated(OBJECT))),
        v("emit_bus_event/object_destroyed_with_cookie",
            new EmitBusEvent(Optional.of(BL), new BusEvent.ObjectDestroyed(OBJECT))),
        v("emit_bus_event/service_created_with_cookie",
            new EmitBusEvent(Optional.of(BL), new BusEvent.ServiceCreated(SERVICE))),
        v("emit_bus_event/service_destroyed_with_cookie",
            new EmitBusEvent(Optional.of(BL), new BusEvent.ServiceDestroyed(SERVICE))),
        v("emit_event/emit_event", new EmitEvent(C, 1, FOUR)),
        v("item_received/item_received", new ItemReceived(C, FOUR)),
        v("query_introspection/query_introspection", new QueryIntrospection(1, A)),
        v("query_introspection_reply/ok",
            new QueryIntrospectionReply(1, new QueryIntrospectionReply.Result.Ok(FOUR))),
        v("query_introspection_reply/unavailable",
            new QueryIntrospectionReply(1, new QueryIntrospectionReply.Result.Unavailable())),
        v("query_service_info/query_service_info", new QueryServiceInfo(1, A)),
        v("query_service_info_reply/ok",
            new QueryServiceInfoReply(1, new QueryServiceInfoReply.Result.Ok(fullServiceInfo))),
        v("query_service_info_reply/invalid_service",
            new QueryServiceInfoReply(1, new QueryServiceInfoReply.Result.InvalidService())),
        v("query_service_version/query_service_version", new QueryServiceVersion(1, A)),
        v("query_service_version_reply/ok",
            new QueryServiceVersionReply(1, new QueryServiceVersionReply.Result.Ok(2))),
        v("query_service_version_reply/invalid_service",
            new QueryServiceVersionReply(1, new QueryServiceVersionReply.Result.InvalidService())),
        v("register_introspection/register_introspection", new RegisterIntrospection(typeIds)),
        v("send_item/send_item", new SendItem(C, FOUR)),
        v("service_destroyed/service_destroyed_event", new ServiceDestroyed(G)),
        v("shutdown/shutdown", Shutdown.INSTANCE),
        v("start_bus_listener/current", new StartBusListener(0, E, BusListenerScope.CURRENT)),
        v("start_bus_listener/new", new StartBusListener(0, E, BusListenerScope.NEW)),
        v("start_bus_listener/all", new StartBusListener(0, E, BusListenerScope.ALL)),
        v("start_bus_listener_reply/ok",
            new StartBusListenerReply(1, StartBusListenerReply.Result.OK)),
        v("start_bus_listener_reply/invalid_bus_listener",
            new StartBusListenerReply(1, StartBusListenerReply.Result.INVALID_BUS_LISTENER)),
        v("start_bus_listener_reply/already_started",
            new StartBusListenerReply(1, StartBusListenerReply.Result.ALREADY_STARTED)),
        v("stop_bus_listener/stop_bus_listener", new StopBusListener(0, E)),
        v("stop_bus_listener_reply/ok",
            new StopBusListenerReply(1, StopBusListenerReply.Result.OK)),
        v("stop_bus_listener_reply/invalid_bus_listener",
            new StopBusListenerReply(1, StopBusListenerReply.Result.INVALID_BUS_LISTENER)),
        v("stop_bus_listener_reply/not_started",
            new StopBusListenerReply(1, StopBusListenerReply.Result.NOT_STARTED)),
        v("subscribe_all_events/no_serial", new SubscribeAllEvents(OptionalInt.empty(), D)),
        v("subscribe_all_events/serial", new SubscribeAllEvents(OptionalInt.of(2), D)),
        v("subscribe_all_events_reply/ok",
            new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.OK)),
        v("subscribe_all_events_reply/invalid_service",
            new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.INVALID_SERVICE)),
        v("subscribe_all_events_reply/not_supported",
            new SubscribeAllEventsReply(1, SubscribeAllEventsReply.Result.NOT_SUPPORTED)),
        v("subscribe_event/no_serial", new SubscribeEvent(OptionalInt.empty(), D, 1)),
        v("subscribe_event/serial", new SubscribeEvent(OptionalInt.of(2), D, 3)),
        v("subscribe_event_reply/ok", new SubscribeEventReply(1, SubscribeEventReply.Result.OK)),
        v("subscribe_event_reply/invalid_service",
            new SubscribeEventReply(1, SubscribeEventReply.Result.INVALID_SERVICE)),
        v("subscribe_service/subscribe_service", new SubscribeService(1, D)),
        v("subscribe_service_reply/ok",
            new SubscribeServiceReply(1, SubscribeServiceReply.Result.OK)),
        v("subscribe_service_reply/invalid_service",
            new SubscribeServiceReply(1, SubscribeServiceReply.Result.INVALID_SERVICE)),
        v("sync/sync", new Sync(1)),
        v("sync_reply/sync_reply", new SyncReply(1)),
        v("unsubscribe_all_events/no_serial", new UnsubscribeAllEvents(OptionalInt.empty(), D)),
        v("unsubscribe_all_events/serial", new UnsubscribeAllEvents(OptionalInt.of(2), D)),
        v("unsubscribe_all_events_reply/ok",
            new UnsubscribeAllEventsReply(1, UnsubscribeAllEventsReply.Result.OK)),
        v("unsubscribe_all_events_reply/invalid_service",
            new UnsubscribeAllEventsReply(1, UnsubscribeAllEventsReply.Result.INVALID_SERVICE)),
        v("unsubscribe_all_events_reply/not_supported",
            new UnsubscribeAllEventsReply(1, UnsubscribeAllEventsReply.Result.NOT_SUPPORTED)),
        v("unsubscribe_event/unsubscribe_event", new UnsubscribeEvent(D, 1)),
        v("unsubscribe_service/unsubscribe_service", new UnsubscribeService(D)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aldrinVectors")
  @DisplayName("encodes to Aldrin's bytes and decodes them back")
  void roundTrip(String key, AldrinMessage message) throws Exception {
    byte[] expected = AldrinMessageVectors.get(key);
    assertEquals(hex(expected), hex(MessageCodec.encode(message)));
    assertEquals(message, MessageCodec.decode(expected, ValueEpoch.V2, DecodeRules.STRICT));
    assertEquals(message.kind(), MessageCodec.peekKind(expected));
  }

  @Test
  @DisplayName("the vectors cover every Aldrin example and every message kind")
  void coverage() {
    List<Arguments> all = aldrinVectors().toList();
    Set<String> keys = new HashSet<>();
    Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
    for (Arguments a : all) {
      keys.add((String) a.get()[0]);
      kinds.add(((AldrinMessage) a.get()[1]).kind());
    }
    assertEquals(AldrinMessageVectors.keys(), keys);
    assertEquals(EnumSet.allOf(MessageKind.class), kinds);
  }

  // Strictness.

  @Test
  @DisplayName("fewer than five bytes are TRUNCATED")
  void tooShort() {
    assertProblem(DecodeProblem.TRUNCATED, 4, of(4, 0, 0, 0));
    assertProblem(DecodeProblem.TRUNCATED, 0, of());
  }

  @Test
  @DisplayName("a length prefix that disagrees with the frame is LENGTH_MISMATCH")
  void lengthMismatch() {
    assertProblem(DecodeProblem.LENGTH_MISMATCH, 0, of(7, 0, 0, 0, 30, 1));
    assertProblem(DecodeProblem.LENGTH_MISMATCH, 0, of(6, 0, 0, 0, 30));
    assertProblem(DecodeProblem.LENGTH_MISMATCH, 0, of(6, 0, 0, 1, 30, 1));
  }

  @Test
  @DisplayName("a field cut short under a consistent prefix is TRUNCATED where it starts")
  void truncatedField() {
    byte[] createObject = AldrinMessageVectors.get("create_object/create_object");
    byte[] cut = Arrays.copyOf(createObject, createObject.length - 1);
    cut[0] = (byte) cut.length;
    assertProblem(DecodeProblem.TRUNCATED, 6, cut);
    assertProblem(DecodeProblem.TRUNCATED, 5, of(5, 0, 0, 0, 30));
  }

  @Test
  @DisplayName("a byte after the last field is TRAILING_BYTES")
  void trailingBytes() {
    assertProblem(DecodeProblem.TRAILING_BYTES, 6, of(7, 0, 0, 0, 30, 1, 0));
    assertProblem(DecodeProblem.TRAILING_BYTES, 5, of(6, 0, 0, 0, 2, 0));
  }

  @Test
  @DisplayName("kind bytes 63 to 255 are UNKNOWN_MESSAGE_KIND")
  void unknownKind() {
    assertProblem(DecodeProblem.UNKNOWN_MESSAGE_KIND, 4, of(5, 0, 0, 0, 63));
    assertProblem(DecodeProblem.UNKNOWN_MESSAGE_KIND, 4, of(6, 0, 0, 0, 255, 1));
  }

  static Stream<Arguments> badTags() {
    return Stream.of(
        Arguments.of("result byte past the last result", of(7, 0, 0, 0, 6, 1, 3), 6),
        Arguments.of("option byte 2", concat(of(23, 0, 0, 0, 13, 2), uuid(D), of(1)), 5),
        Arguments.of("channel end 2", of(7, 0, 0, 0, 19, 1, 2), 6),
        Arguments.of("filter 6", concat(of(22, 0, 0, 0, 37), uuid(E), of(6)), 21),
        Arguments.of("scope 3", concat(of(23, 0, 0, 0, 40, 0), uuid(E), of(3)), 22),
        Arguments.of("bus event 4", concat(of(39, 0, 0, 0, 44, 0, 4), uuid(A), uuid(A)), 6),
        Arguments.of("connect result 3", of(12, 0, 0, 0, 1, 2, 0, 0, 0, 3, 4, 3), 11),
        Arguments.of("call result 6", of(13, 0, 0, 0, 12, 2, 0, 0, 0, 3, 4, 1, 6), 12));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTags")
  @DisplayName("an undefined tag byte is INVALID_DISCRIMINANT")
  void invalidDiscriminant(String name, byte[] frame, int offset) {
    assertProblem(DecodeProblem.INVALID_DISCRIMINANT, offset, frame);
  }

  @Test
  @DisplayName("a value slot of length 0 is EMPTY_VALUE")
  void emptyValue() {
    assertProblem(DecodeProblem.EMPTY_VALUE, 5, of(10, 0, 0, 0, 0, 0, 0, 0, 0, 1));
  }

  @Test
  @DisplayName("a value longer than the frame is TRUNCATED (aldrin core/src/message/test.rs)")
  void valueLargerThanFrame() {
    assertProblem(DecodeProblem.TRUNCATED, 9, of(11, 0, 0, 0, 0, 0, 105, 0, 0, 0, 5));
  }

  @Test
  @DisplayName("a value kind without room for its value slot is TRUNCATED")
  void noRoomForValue() {
    assertProblem(DecodeProblem.TRUNCATED, 9, of(9, 0, 0, 0, 0, 1, 0, 0, 0));
  }

  @Test
  @DisplayName("a value that does not fill its slot is TRAILING_BYTES inside the slot")
  void valueShorterThanSlot() {
    assertProblem(DecodeProblem.TRAILING_BYTES, 10, of(12, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 14));
  }

  @Test
  @DisplayName("an overlong serial is NON_CANONICAL_VARINT when strict, 1 for Aldrin's reading")
  void overlongSerial() throws Exception {
    byte[] frame = of(7, 0, 0, 0, 30, 252, 1);
    assertProblem(DecodeProblem.NON_CANONICAL_VARINT, 5, frame);
    assertEquals(new Sync(1),
        MessageCodec.decode(frame, ValueEpoch.V2, DecodeRules.ALDRIN_COMPATIBLE));
  }

  @Test
  @DisplayName("values are checked in the sender's epoch, except in the handshake")
  void valueEpoch() throws Exception {
    byte[] callWithVec2 =
        concat(of(29, 0, 0, 0, 11, 2, 0, 0, 0, 43, 0, 1), uuid(C), of(2));
    AldrinDecodeException e =
        assertThrows(AldrinDecodeException.class,
            () -> MessageCodec.decode(callWithVec2, ProtocolVersion.V1_19));
    assertEquals(DecodeProblem.VALUE_KIND_NOT_IN_EPOCH, e.problem());
    assertEquals(9, e.offset());
    CallFunction call = (CallFunction) MessageCodec.decode(callWithVec2, ProtocolVersion.V1_20);
    assertEquals(ValueEpoch.V2, call.value().requiredEpoch());
    byte[] connect2 = AldrinMessageVectors.get("connect2/connect2");
    assertEquals(new Connect2(1, 2, EMPTY_STRUCT2),
        MessageCodec.decode(connect2, ValueEpoch.V1, DecodeRules.STRICT));
  }

  @Test
  @DisplayName("a too deeply nested value in a message is VALUE_TOO_DEEP")
  void deepValue() {
    byte[] value = concat(TestBytes.repeat(1, 32), of(0));
    byte[] frame = concat(of(0, 0, 0, 0, 28, value.length, 0, 0, 0), value, uuid(C));
    frame[0] = (byte) frame.length;
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 9 + 32, frame);
  }

  @Test
  @DisplayName("the value of a result without one is validated, then dropped; None is written back")
  void discardedValue() throws Exception {
    byte[] aborted = of(13, 0, 0, 0, 12, 2, 0, 0, 0, 3, 4, 1, 2);
    CallFunctionReply reply =
        (CallFunctionReply) MessageCodec.decode(aborted, ValueEpoch.V2, DecodeRules.STRICT);
    assertEquals(new CallFunctionReply(1, new CallFunctionReply.Result.Aborted()), reply);
    assertEquals(hex(AldrinMessageVectors.get("call_function_reply/aborted")),
        hex(MessageCodec.encode(reply)));
    assertProblem(DecodeProblem.UNKNOWN_VALUE_KIND, 9, of(12, 0, 0, 0, 12, 1, 0, 0, 0, 99, 1, 2));
  }

  @Test
  @DisplayName("a decoded value keeps the sender's exact bytes")
  void valueKeptVerbatim() throws Exception {
    byte[] frame = concat(of(32, 0, 0, 0, 27, 7, 0, 0, 0, 44, 2, 1, 2, 1, 3, 0), uuid(C));
    SendItem item = (SendItem) MessageCodec.decode(frame, ProtocolVersion.V1_20);
    assertEquals(hex(of(44, 2, 1, 2, 1, 3, 0)), hex(item.value().toByteArray()));
    assertEquals(hex(frame), hex(MessageCodec.encode(item)));
  }

  @Test
  @DisplayName("every decode error names a problem and the byte where it was noticed")
  void errorMessage() {
    AldrinDecodeException e =
        assertThrows(AldrinDecodeException.class,
            () -> MessageCodec.decode(of(5, 0, 0, 0, 63), ProtocolVersion.V1_20));
    assertTrue(e.getMessage().startsWith("UNKNOWN_MESSAGE_KIND at offset 4: "), e.getMessage());
  }

  static byte[] uuid(UUID u) {
    byte[] b = new byte[16];
    long msb = u.getMostSignificantBits();
    long lsb = u.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (msb >>> (56 - 8 * i));
      b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    return b;
  }

  private static void assertProblem(DecodeProblem problem, int offset, byte[] frame) {
    AldrinDecodeException e =
        assertThrows(AldrinDecodeException.class,
            () -> MessageCodec.decode(frame, ValueEpoch.V2, DecodeRules.STRICT), () -> hex(frame));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
  }
}

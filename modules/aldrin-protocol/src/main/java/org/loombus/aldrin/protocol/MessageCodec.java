package org.loombus.aldrin.protocol;

import java.util.Arrays;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;
import org.loombus.aldrin.protocol.internal.ValueParser;

/**
 * Whole frames to messages and back. A frame is: its total length (u32 little-endian, these four
 * bytes included), the kind byte, for kinds with a value the value's length (u32 little-endian,
 * at least 1) and the value, then the kind's fields in order.
 *
 * <p>The decoder is strict: the length prefix must equal the frame's size, the kind must exist,
 * every tag must be defined, the value must be exactly one valid value in the sender's epoch, and
 * no byte may be left over. Values of the handshake messages ({@link Connect}, {@link Connect2})
 * are checked in epoch 2 because no version is agreed on yet, and the Aldrin client may send
 * either form then.
 */
public final class MessageCodec {
  /** Length prefix plus kind byte. */
  static final int HEADER = 5;
  /** Length prefix, kind byte and value length. */
  static final int VALUE_HEADER = 9;

  private MessageCodec() {}

  /**
   * @param message a message; a value it carries is written as it is, so convert it first for
   *     receivers of an older epoch ({@link VersionAdapter})
   * @return the whole frame, length prefix included
   */
  public static byte[] encode(AldrinMessage message) {
    int valueLength = message instanceof MessageWithValue v ? v.value().length() : 0;
    ByteSink out = new ByteSink(48 + valueLength);
    out.u32le(0);
    out.u8(message.kind().id());
    if (message instanceof MessageWithValue v) {
      byte[] value = v.value().bytes();
      out.u32le(value.length);
      out.bytes(value);
    }
    writeFields(message, out);
    out.patchU32le(0, out.size());
    return out.toByteArray();
  }

  /**
   * Decodes with {@link DecodeRules#STRICT} in the sender's epoch.
   *
   * @param frame one whole frame, length prefix included
   * @param sender the sender's negotiated version
   * @return the message
   * @throws AldrinDecodeException if the frame is not exactly one valid message
   */
  public static AldrinMessage decode(byte[] frame, ProtocolVersion sender)
      throws AldrinDecodeException {
    return decode(frame, ValueEpoch.of(sender), DecodeRules.STRICT);
  }

  /**
   * @param frame one whole frame, length prefix included
   * @param epoch the sender's value epoch ({@link ValueEpoch#V2} before the handshake is done)
   * @param rules depth limit and canonical-form requirement
   * @return the message
   * @throws AldrinDecodeException if the frame is not exactly one valid message
   */
  public static AldrinMessage decode(byte[] frame, ValueEpoch epoch, DecodeRules rules)
      throws AldrinDecodeException {
    MessageKind kind = peekKind(frame);
    ByteSource in;
    RawValue value = null;
    if (kind.hasValue()) {
      if (frame.length < VALUE_HEADER + 1) {
        throw new AldrinDecodeException(
            DecodeProblem.TRUNCATED,
            frame.length,
            kind + " needs at least " + (VALUE_HEADER + 1) + " bytes, the frame has "
                + frame.length);
      }
      long valueLength = FrameSplitter.declaredLength(frame, HEADER);
      if (valueLength == 0) {
        throw new AldrinDecodeException(
            DecodeProblem.EMPTY_VALUE, HEADER, kind + " has a value slot of length 0");
      }
      if (valueLength > frame.length - VALUE_HEADER) {
        throw new AldrinDecodeException(
            DecodeProblem.TRUNCATED,
            VALUE_HEADER,
            "value length " + valueLength + " exceeds the " + (frame.length - VALUE_HEADER)
                + " bytes left in the frame");
      }
      int len = (int) valueLength;
      ValueEpoch valueEpoch =
          kind == MessageKind.CONNECT || kind == MessageKind.CONNECT2 ? ValueEpoch.V2 : epoch;
      ValueParser.Result r = ValueParser.parse(frame, VALUE_HEADER, len, valueEpoch, rules, false);
      value =
          new RawValue(
              Arrays.copyOfRange(frame, VALUE_HEADER, VALUE_HEADER + len), r.requiredEpoch());
      int fields = VALUE_HEADER + len;
      in = new ByteSource(frame, fields, frame.length - fields, rules.requireCanonical());
    } else {
      in = new ByteSource(frame, HEADER, frame.length - HEADER, rules.requireCanonical());
    }
    AldrinMessage message = readFields(kind, in, value);
    in.expectEnd(kind.toString());
    return message;
  }

  /**
   * Checks the fixed header of a frame and names its kind, without decoding the rest.
   *
   * @param frame one whole frame, length prefix included
   * @return the frame's kind
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} below 5 bytes, {@link
   *     DecodeProblem#LENGTH_MISMATCH} if the prefix disagrees with the frame's size, {@link
   *     DecodeProblem#UNKNOWN_MESSAGE_KIND} for a kind byte above {@value MessageKind#MAX_ID}
   */
  public static MessageKind peekKind(byte[] frame) throws AldrinDecodeException {
    if (frame.length < HEADER) {
      throw new AldrinDecodeException(
          DecodeProblem.TRUNCATED, frame.length, "a frame needs at least " + HEADER + " bytes");
    }
    long declared = FrameSplitter.declaredLength(frame, 0);
    if (declared != frame.length) {
      throw new AldrinDecodeException(
          DecodeProblem.LENGTH_MISMATCH,
          0,
          "length prefix says " + declared + " bytes, the frame has " + frame.length);
    }
    int id = frame[4] & 0xFF;
    MessageKind kind = MessageKind.fromId(id);
    if (kind == null) {
      throw new AldrinDecodeException(
          DecodeProblem.UNKNOWN_MESSAGE_KIND, 4, "message kind " + id + " does not exist");
    }
    return kind;
  }

  private static void writeFields(AldrinMessage message, ByteSink out) {
    switch (message) {
      case Connect m -> m.writeFields(out);
      case ConnectReply m -> m.writeFields(out);
      case Shutdown m -> m.writeFields(out);
      case CreateObject m -> m.writeFields(out);
      case CreateObjectReply m -> m.writeFields(out);
      case DestroyObject m -> m.writeFields(out);
      case DestroyObjectReply m -> m.writeFields(out);
      case CreateService m -> m.writeFields(out);
      case CreateServiceReply m -> m.writeFields(out);
      case DestroyService m -> m.writeFields(out);
      case DestroyServiceReply m -> m.writeFields(out);
      case CallFunction m -> m.writeFields(out);
      case CallFunctionReply m -> m.writeFields(out);
      case SubscribeEvent m -> m.writeFields(out);
      case SubscribeEventReply m -> m.writeFields(out);
      case UnsubscribeEvent m -> m.writeFields(out);
      case EmitEvent m -> m.writeFields(out);
      case QueryServiceVersion m -> m.writeFields(out);
      case QueryServiceVersionReply m -> m.writeFields(out);
      case CreateChannel m -> m.writeFields(out);
      case CreateChannelReply m -> m.writeFields(out);
      case CloseChannelEnd m -> m.writeFields(out);
      case CloseChannelEndReply m -> m.writeFields(out);
      case ChannelEndClosed m -> m.writeFields(out);
      case ClaimChannelEnd m -> m.writeFields(out);
      case ClaimChannelEndReply m -> m.writeFields(out);
      case ChannelEndClaimed m -> m.writeFields(out);
      case SendItem m -> m.writeFields(out);
      case ItemReceived m -> m.writeFields(out);
      case AddChannelCapacity m -> m.writeFields(out);
      case Sync m -> m.writeFields(out);
      case SyncReply m -> m.writeFields(out);
      case ServiceDestroyed m -> m.writeFields(out);
      case CreateBusListener m -> m.writeFields(out);
      case CreateBusListenerReply m -> m.writeFields(out);
      case DestroyBusListener m -> m.writeFields(out);
      case DestroyBusListenerReply m -> m.writeFields(out);
      case AddBusListenerFilter m -> m.writeFields(out);
      case RemoveBusListenerFilter m -> m.writeFields(out);
      case ClearBusListenerFilters m -> m.writeFields(out);
      case StartBusListener m -> m.writeFields(out);
      case StartBusListenerReply m -> m.writeFields(out);
      case StopBusListener m -> m.writeFields(out);
      case StopBusListenerReply m -> m.writeFields(out);
      case EmitBusEvent m -> m.writeFields(out);
      case BusListenerCurrentFinished m -> m.writeFields(out);
      case Connect2 m -> m.writeFields(out);
      case ConnectReply2 m -> m.writeFields(out);
      case AbortFunctionCall m -> m.writeFields(out);
      case RegisterIntrospection m -> m.writeFields(out);
      case QueryIntrospection m -> m.writeFields(out);
      case QueryIntrospectionReply m -> m.writeFields(out);
      case CreateService2 m -> m.writeFields(out);
      case QueryServiceInfo m -> m.writeFields(out);
      case QueryServiceInfoReply m -> m.writeFields(out);
      case SubscribeService m -> m.writeFields(out);
      case SubscribeServiceReply m -> m.writeFields(out);
      case UnsubscribeService m -> m.writeFields(out);
      case SubscribeAllEvents m -> m.writeFields(out);
      case SubscribeAllEventsReply m -> m.writeFields(out);
      case UnsubscribeAllEvents m -> m.writeFields(out);
      case UnsubscribeAllEventsReply m -> m.writeFields(out);
      case CallFunction2 m -> m.writeFields(out);
    }
  }

  private static AldrinMessage readFields(MessageKind kind, ByteSource in, RawValue value)
      throws AldrinDecodeException {
    return switch (kind) {
      case CONNECT -> Connect.read(in, value);
      case CONNECT_REPLY -> ConnectReply.read(in, value);
      case SHUTDOWN -> Shutdown.read(in);
      case CREATE_OBJECT -> CreateObject.read(in);
      case CREATE_OBJECT_REPLY -> CreateObjectReply.read(in);
      case DESTROY_OBJECT -> DestroyObject.read(in);
      case DESTROY_OBJECT_REPLY -> DestroyObjectReply.read(in);
      case CREATE_SERVICE -> CreateService.read(in);
      case CREATE_SERVICE_REPLY -> CreateServiceReply.read(in);
      case DESTROY_SERVICE -> DestroyService.read(in);
      case DESTROY_SERVICE_REPLY -> DestroyServiceReply.read(in);
      case CALL_FUNCTION -> CallFunction.read(in, value);
      case CALL_FUNCTION_REPLY -> CallFunctionReply.read(in, value);
      case SUBSCRIBE_EVENT -> SubscribeEvent.read(in);
      case SUBSCRIBE_EVENT_REPLY -> SubscribeEventReply.read(in);
      case UNSUBSCRIBE_EVENT -> UnsubscribeEvent.read(in);
      case EMIT_EVENT -> EmitEvent.read(in, value);
      case QUERY_SERVICE_VERSION -> QueryServiceVersion.read(in);
      case QUERY_SERVICE_VERSION_REPLY -> QueryServiceVersionReply.read(in);
      case CREATE_CHANNEL -> CreateChannel.read(in);
      case CREATE_CHANNEL_REPLY -> CreateChannelReply.read(in);
      case CLOSE_CHANNEL_END -> CloseChannelEnd.read(in);
      case CLOSE_CHANNEL_END_REPLY -> CloseChannelEndReply.read(in);
      case CHANNEL_END_CLOSED -> ChannelEndClosed.read(in);
      case CLAIM_CHANNEL_END -> ClaimChannelEnd.read(in);
      case CLAIM_CHANNEL_END_REPLY -> ClaimChannelEndReply.read(in);
      case CHANNEL_END_CLAIMED -> ChannelEndClaimed.read(in);
      case SEND_ITEM -> SendItem.read(in, value);
      case ITEM_RECEIVED -> ItemReceived.read(in, value);
      case ADD_CHANNEL_CAPACITY -> AddChannelCapacity.read(in);
      case SYNC -> Sync.read(in);
      case SYNC_REPLY -> SyncReply.read(in);
      case SERVICE_DESTROYED -> ServiceDestroyed.read(in);
      case CREATE_BUS_LISTENER -> CreateBusListener.read(in);
      case CREATE_BUS_LISTENER_REPLY -> CreateBusListenerReply.read(in);
      case DESTROY_BUS_LISTENER -> DestroyBusListener.read(in);
      case DESTROY_BUS_LISTENER_REPLY -> DestroyBusListenerReply.read(in);
      case ADD_BUS_LISTENER_FILTER -> AddBusListenerFilter.read(in);
      case REMOVE_BUS_LISTENER_FILTER -> RemoveBusListenerFilter.read(in);
      case CLEAR_BUS_LISTENER_FILTERS -> ClearBusListenerFilters.read(in);
      case START_BUS_LISTENER -> StartBusListener.read(in);
      case START_BUS_LISTENER_REPLY -> StartBusListenerReply.read(in);
      case STOP_BUS_LISTENER -> StopBusListener.read(in);
      case STOP_BUS_LISTENER_REPLY -> StopBusListenerReply.read(in);
      case EMIT_BUS_EVENT -> EmitBusEvent.read(in);
      case BUS_LISTENER_CURRENT_FINISHED -> BusListenerCurrentFinished.read(in);
      case CONNECT2 -> Connect2.read(in, value);
      case CONNECT_REPLY2 -> ConnectReply2.read(in, value);
      case ABORT_FUNCTION_CALL -> AbortFunctionCall.read(in);
      case REGISTER_INTROSPECTION -> RegisterIntrospection.read(in, value);
      case QUERY_INTROSPECTION -> QueryIntrospection.read(in);
      case QUERY_INTROSPECTION_REPLY -> QueryIntrospectionReply.read(in, value);
      case CREATE_SERVICE2 -> CreateService2.read(in, value);
      case QUERY_SERVICE_INFO -> QueryServiceInfo.read(in);
      case QUERY_SERVICE_INFO_REPLY -> QueryServiceInfoReply.read(in, value);
      case SUBSCRIBE_SERVICE -> SubscribeService.read(in);
      case SUBSCRIBE_SERVICE_REPLY -> SubscribeServiceReply.read(in);
      case UNSUBSCRIBE_SERVICE -> UnsubscribeService.read(in);
      case SUBSCRIBE_ALL_EVENTS -> SubscribeAllEvents.read(in);
      case SUBSCRIBE_ALL_EVENTS_REPLY -> SubscribeAllEventsReply.read(in);
      case UNSUBSCRIBE_ALL_EVENTS -> UnsubscribeAllEvents.read(in);
      case UNSUBSCRIBE_ALL_EVENTS_REPLY -> UnsubscribeAllEventsReply.read(in);
      case CALL_FUNCTION2 -> CallFunction2.read(in, value);
    };
  }
}

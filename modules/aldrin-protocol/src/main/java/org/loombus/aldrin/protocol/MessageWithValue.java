package org.loombus.aldrin.protocol;

/**
 * A message whose frame carries a value slot. The value travels as validated bytes; a broker
 * replaces it with {@link #withValue} when a receiver of an older epoch needs a converted copy.
 */
public sealed interface MessageWithValue extends AldrinMessage
    permits
        Connect, ConnectReply, CallFunction, CallFunctionReply, EmitEvent, SendItem, ItemReceived,
        Connect2, ConnectReply2, RegisterIntrospection, QueryIntrospectionReply, CreateService2,
        QueryServiceInfoReply, CallFunction2 {
  /**
   * @return the value in the frame's slot; {@code None} for results that carry no value (the
   *     encoder writes {@code None} there, as Aldrin does)
   */
  RawValue value();

  /**
   * @param value a replacement value
   * @return this message with the value replaced, or this message itself if its result carries
   *     no value
   */
  MessageWithValue withValue(RawValue value);
}

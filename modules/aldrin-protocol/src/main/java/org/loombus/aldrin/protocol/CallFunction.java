package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A function call, from the caller to the broker and, with a serial of the broker's choosing, from
 * the broker to the service owner. Since 1.19 {@link CallFunction2} can also name a service
 * version; owners older than 1.19 get this form. Wire, after the kind byte: the value slot, serial
 * (u32 varint), serviceCookie (16-byte UUID), function (u32 varint).
 *
 * @param serial the sender's call serial
 * @param serviceCookie the service's cookie
 * @param function the function id
 * @param value the arguments
 */
public record CallFunction(
    int serial,
    UUID serviceCookie,
    int function,
    RawValue value)
    implements MessageWithValue {
  /** Rejects nulls. */
  public CallFunction {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CALL_FUNCTION;
  }

  @Override
  public CallFunction withValue(RawValue value) {
    return new CallFunction(serial, serviceCookie, function, value);
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(serviceCookie);
    out.varU32(function);
  }

  static CallFunction read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    int function = in.varU32("function");
    return new CallFunction(serial, serviceCookie, function, value);
  }
}

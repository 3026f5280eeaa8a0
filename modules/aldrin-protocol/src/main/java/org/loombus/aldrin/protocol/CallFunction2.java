package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A function call that may name the service version the caller expects (since 1.19). The broker
 * forwards it as is to owners of 1.19 or newer and as {@link CallFunction} to older ones. Wire,
 * after the kind byte: the value slot, serial (u32 varint), serviceCookie (16-byte UUID), function
 * (u32 varint), version (option byte (0 none, 1 some) then u32 varint if some).
 *
 * @param serial the sender's call serial
 * @param serviceCookie the service's cookie
 * @param function the function id
 * @param version the service version the caller expects, if any
 * @param value the arguments
 */
public record CallFunction2(
    int serial,
    UUID serviceCookie,
    int function,
    OptionalInt version,
    RawValue value)
    implements MessageWithValue {
  /** Rejects nulls. */
  public CallFunction2 {
    Objects.requireNonNull(serviceCookie, "serviceCookie");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.CALL_FUNCTION2;
  }

  @Override
  public CallFunction2 withValue(RawValue value) {
    return new CallFunction2(serial, serviceCookie, function, version, value);
  }

  void writeFields(ByteSink out) {
    out.varU32(serial);
    out.uuid(serviceCookie);
    out.varU32(function);
    Fields.writeOptionalU32(out, version);
  }

  static CallFunction2 read(ByteSource in, RawValue value) throws AldrinDecodeException {
    int serial = in.varU32("serial");
    UUID serviceCookie = in.uuid("serviceCookie");
    int function = in.varU32("function");
    OptionalInt version = Fields.readOptionalU32(in, "version");
    return new CallFunction2(serial, serviceCookie, function, version, value);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * A client announces the type ids it can describe (since 1.17); the value is a set of UUIDs. Wire,
 * after the kind byte: the value slot.
 *
 * @param value the set of type ids
 */
public record RegisterIntrospection(RawValue value) implements MessageWithValue {
  /** Rejects nulls. */
  public RegisterIntrospection {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public MessageKind kind() {
    return MessageKind.REGISTER_INTROSPECTION;
  }

  @Override
  public RegisterIntrospection withValue(RawValue value) {
    return new RegisterIntrospection(value);
  }

  void writeFields(ByteSink out) {}

  static RegisterIntrospection read(ByteSource in, RawValue value) throws AldrinDecodeException {
    return new RegisterIntrospection(value);
  }
}

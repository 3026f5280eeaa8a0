package org.loombus.aldrin.protocol;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/** Encodings of message fields that several message kinds share. */
final class Fields {
  private Fields() {}

  /**
   * Reads a tag byte and checks it against the tags the field defines.
   *
   * @return the tag, 0 to {@code count - 1}
   */
  static int tag(ByteSource in, String what, int count) throws AldrinDecodeException {
    int at = in.position();
    int tag = in.u8(what);
    if (tag >= count) {
      throw new AldrinDecodeException(
          DecodeProblem.INVALID_DISCRIMINANT,
          at,
          what + " byte " + tag + " is undefined (0 to " + (count - 1) + " exist)");
    }
    return tag;
  }

  /** Reads an enum whose wire byte is the constant's ordinal. */
  static <E extends Enum<E>> E readEnum(ByteSource in, String what, E[] values)
      throws AldrinDecodeException {
    return values[tag(in, what, values.length)];
  }

  static OptionalInt readOptionalU32(ByteSource in, String what) throws AldrinDecodeException {
    return tag(in, what + " option", 2) == 0
        ? OptionalInt.empty()
        : OptionalInt.of(in.varU32(what));
  }

  static void writeOptionalU32(ByteSink out, OptionalInt v) {
    if (v.isPresent()) {
      out.u8(1);
      out.varU32(v.getAsInt());
    } else {
      out.u8(0);
    }
  }

  static Optional<UUID> readOptionalUuid(ByteSource in, String what)
      throws AldrinDecodeException {
    return tag(in, what + " option", 2) == 0 ? Optional.empty() : Optional.of(in.uuid(what));
  }

  static void writeOptionalUuid(ByteSink out, Optional<UUID> v) {
    if (v.isPresent()) {
      out.u8(1);
      out.uuid(v.get());
    } else {
      out.u8(0);
    }
  }

  static ChannelEndWithCapacity readEndWithCapacity(ByteSource in, String what)
      throws AldrinDecodeException {
    ChannelEnd end = readEnum(in, what, ChannelEnd.values());
    return end == ChannelEnd.SENDER
        ? new ChannelEndWithCapacity.Sender()
        : new ChannelEndWithCapacity.Receiver(in.varU32(what + " capacity"));
  }

  static void writeEndWithCapacity(ByteSink out, ChannelEndWithCapacity end) {
    out.u8(end.end().code());
    if (end instanceof ChannelEndWithCapacity.Receiver r) {
      out.varU32(r.capacity());
    }
  }

  static BusListenerFilter readFilter(ByteSource in, String what) throws AldrinDecodeException {
    int code = tag(in, what, 6);
    return switch (code) {
      case 0 -> new BusListenerFilter.ObjectFilter(Optional.empty());
      case 1 -> new BusListenerFilter.ObjectFilter(Optional.of(in.uuid("object uuid")));
      default -> {
        Optional<UUID> object =
            (code == 3 || code == 5) ? Optional.of(in.uuid("object uuid")) : Optional.empty();
        Optional<UUID> service =
            code >= 4 ? Optional.of(in.uuid("service uuid")) : Optional.empty();
        yield new BusListenerFilter.ServiceFilter(object, service);
      }
    };
  }

  static void writeFilter(ByteSink out, BusListenerFilter filter) {
    out.u8(filter.code());
    switch (filter) {
      case BusListenerFilter.ObjectFilter o -> o.object().ifPresent(out::uuid);
      case BusListenerFilter.ServiceFilter s -> {
        s.object().ifPresent(out::uuid);
        s.service().ifPresent(out::uuid);
      }
    }
  }

  static ObjectId readObjectId(ByteSource in) throws AldrinDecodeException {
    return new ObjectId(in.uuid("object uuid"), in.uuid("object cookie"));
  }

  static ServiceId readServiceId(ByteSource in) throws AldrinDecodeException {
    ObjectId object = readObjectId(in);
    return new ServiceId(object, in.uuid("service uuid"), in.uuid("service cookie"));
  }

  static void writeObjectId(ByteSink out, ObjectId id) {
    out.uuid(id.uuid());
    out.uuid(id.cookie());
  }

  static void writeServiceId(ByteSink out, ServiceId id) {
    writeObjectId(out, id.object());
    out.uuid(id.uuid());
    out.uuid(id.cookie());
  }
}

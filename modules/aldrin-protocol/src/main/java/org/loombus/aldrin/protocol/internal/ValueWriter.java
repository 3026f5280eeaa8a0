package org.loombus.aldrin.protocol.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ValueEpoch;
import org.loombus.aldrin.protocol.ValueKind;

/**
 * Encodes an {@link AldrinValue} tree in the container forms of one epoch: counted containers for
 * epoch 1, streamed ones for epoch 2, as Aldrin's own encoder does for its generic value type.
 * Byte strings in epoch 2 become one chunk (none if empty).
 */
public final class ValueWriter {
  private final ByteSink out;
  private final ValueEpoch epoch;
  private final int maxDepth;
  private ValueEpoch required = ValueEpoch.V1;

  private ValueWriter(ByteSink out, ValueEpoch epoch, int maxDepth) {
    this.out = out;
    this.epoch = epoch;
    this.maxDepth = maxDepth;
  }

  /**
   * @param out where to write
   * @param value the tree
   * @param epoch which container forms to use
   * @param maxDepth the deepest nesting to allow (see {@link ValueParser} for how depth counts)
   * @return {@link ValueEpoch#V2} if an epoch-2 kind was written, else {@link ValueEpoch#V1}
   * @throws IllegalArgumentException if the tree nests deeper than {@code maxDepth}, or a string
   *     cannot be encoded as UTF-8
   */
  public static ValueEpoch write(ByteSink out, AldrinValue value, ValueEpoch epoch, int maxDepth) {
    ValueWriter w = new ValueWriter(out, epoch, maxDepth);
    w.value(value, 1);
    return w.required;
  }

  private void value(AldrinValue v, int depth) {
    if (depth > maxDepth) {
      throw new IllegalArgumentException(
          "value nests deeper than " + maxDepth + " levels, which Aldrin peers reject");
    }
    switch (v) {
      case AldrinValue.None n -> kind(ValueKind.NONE);
      case AldrinValue.Some s -> {
        kind(ValueKind.SOME);
        value(s.value(), depth + 1);
      }
      case AldrinValue.Bool b -> {
        kind(ValueKind.BOOL);
        out.u8(b.value() ? 1 : 0);
      }
      case AldrinValue.U8 x -> scalar(ValueKind.U8, x);
      case AldrinValue.I8 x -> scalar(ValueKind.I8, x);
      case AldrinValue.U16 x -> scalar(ValueKind.U16, x);
      case AldrinValue.I16 x -> scalar(ValueKind.I16, x);
      case AldrinValue.U32 x -> scalar(ValueKind.U32, x);
      case AldrinValue.I32 x -> scalar(ValueKind.I32, x);
      case AldrinValue.U64 x -> scalar(ValueKind.U64, x);
      case AldrinValue.I64 x -> scalar(ValueKind.I64, x);
      case AldrinValue.F32 f -> {
        kind(ValueKind.F32);
        out.u32le(f.bits());
      }
      case AldrinValue.F64 f -> {
        kind(ValueKind.F64);
        out.u64le(f.bits());
      }
      case AldrinValue.StringValue s -> scalar(ValueKind.STRING, s);
      case AldrinValue.UuidValue u -> scalar(ValueKind.UUID, u);
      case AldrinValue.ObjectIdValue o -> {
        kind(ValueKind.OBJECT_ID);
        objectId(o.value());
      }
      case AldrinValue.ServiceIdValue s -> {
        kind(ValueKind.SERVICE_ID);
        ServiceId id = s.value();
        objectId(id.object());
        out.uuid(id.uuid());
        out.uuid(id.cookie());
      }
      case AldrinValue.Sender s -> {
        kind(ValueKind.SENDER);
        out.uuid(s.channelCookie());
      }
      case AldrinValue.Receiver r -> {
        kind(ValueKind.RECEIVER);
        out.uuid(r.channelCookie());
      }
      case AldrinValue.EnumValue e -> {
        kind(ValueKind.ENUM);
        out.varU32(e.variant());
        value(e.value(), depth + 1);
      }
      case AldrinValue.Vec vec -> {
        if (epoch == ValueEpoch.V1) {
          kind(ValueKind.VEC1);
          out.varU32(vec.elements().size());
          for (AldrinValue e : vec.elements()) {
            value(e, depth + 1);
          }
        } else {
          kind(ValueKind.VEC2);
          for (AldrinValue e : vec.elements()) {
            out.u8(1);
            value(e, depth + 1);
          }
          out.u8(0);
        }
      }
      case AldrinValue.Bytes b -> {
        byte[] data = b.data();
        if (epoch == ValueEpoch.V1) {
          kind(ValueKind.BYTES1);
          out.varU32(data.length);
          out.bytes(data);
        } else {
          kind(ValueKind.BYTES2);
          if (data.length > 0) {
            out.varU32(data.length);
            out.bytes(data);
          }
          out.varU32(0);
        }
      }
      case AldrinValue.MapValue m -> {
        kind(m.keyType().mapKind(epoch));
        if (epoch == ValueEpoch.V1) {
          out.varU32(m.entries().size());
        }
        for (AldrinValue.MapEntry e : m.entries()) {
          if (epoch == ValueEpoch.V2) {
            out.u8(1);
          }
          key(e.key());
          value(e.value(), depth + 1);
        }
        if (epoch == ValueEpoch.V2) {
          out.u8(0);
        }
      }
      case AldrinValue.SetValue s -> {
        kind(s.keyType().setKind(epoch));
        if (epoch == ValueEpoch.V1) {
          out.varU32(s.elements().size());
        }
        for (AldrinValue e : s.elements()) {
          if (epoch == ValueEpoch.V2) {
            out.u8(1);
          }
          key(e);
        }
        if (epoch == ValueEpoch.V2) {
          out.u8(0);
        }
      }
      case AldrinValue.Struct s -> {
        if (epoch == ValueEpoch.V1) {
          kind(ValueKind.STRUCT1);
          out.varU32(s.fields().size());
        } else {
          kind(ValueKind.STRUCT2);
        }
        for (AldrinValue.Field f : s.fields()) {
          if (epoch == ValueEpoch.V2) {
            out.u8(1);
          }
          out.varU32(f.id());
          value(f.value(), depth + 1);
        }
        if (epoch == ValueEpoch.V2) {
          out.u8(0);
        }
      }
    }
  }

  private void kind(ValueKind kind) {
    if (kind.epoch() == ValueEpoch.V2) {
      required = ValueEpoch.V2;
    }
    out.u8(kind.id());
  }

  private void scalar(ValueKind kind, AldrinValue v) {
    kind(kind);
    key(v);
  }

  // Map keys and set elements are written like the scalar of their type, minus the kind byte.
  private void key(AldrinValue k) {
    switch (k) {
      case AldrinValue.U8 x -> out.u8(x.value());
      case AldrinValue.I8 x -> out.u8(x.value());
      case AldrinValue.U16 x -> out.varU16(x.value());
      case AldrinValue.I16 x -> out.varI16(x.value());
      case AldrinValue.U32 x -> out.varU32(x.value());
      case AldrinValue.I32 x -> out.varI32(x.value());
      case AldrinValue.U64 x -> out.varU64(x.value());
      case AldrinValue.I64 x -> out.varI64(x.value());
      case AldrinValue.StringValue s -> {
        byte[] utf8 = utf8(s.value());
        out.varU32(utf8.length);
        out.bytes(utf8);
      }
      case AldrinValue.UuidValue u -> out.uuid(u.value());
      default -> throw new IllegalArgumentException("not a key: " + k);
    }
  }

  // String.getBytes would silently turn a lone surrogate into '?', which is not the caller's text.
  private static byte[] utf8(String s) {
    try {
      ByteBuffer b =
          UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("string has no UTF-8 form (lone surrogate)", e);
    }
  }

  private void objectId(ObjectId id) {
    out.uuid(id.uuid());
    out.uuid(id.cookie());
  }
}

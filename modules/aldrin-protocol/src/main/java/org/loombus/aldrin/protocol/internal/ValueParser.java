package org.loombus.aldrin.protocol.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.DecodeProblem;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.KeyType;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.ValueEpoch;
import org.loombus.aldrin.protocol.ValueKind;

/**
 * The one strict reader of encoded values. It either builds an {@link AldrinValue} tree or, for
 * validating values that will be forwarded as bytes, only checks them; both paths go through the
 * same rules, so a value that validates always decodes.
 *
 * <p>Depth follows Aldrin exactly: the top-level value is at depth 1 and everything nested in it
 * (the content of {@code Some}, an enum payload, an element, a map value, a struct field) is one
 * deeper. The limit is checked before the nested kind byte is read, as Aldrin does.
 */
public final class ValueParser {
  private static final AldrinValue.None NONE = new AldrinValue.None();

  /**
   * What parsing found.
   *
   * @param value the decoded tree, or {@code null} when only validating
   * @param requiredEpoch {@link ValueEpoch#V2} if any epoch-2 kind occurs, else {@link
   *     ValueEpoch#V1}
   */
  public record Result(AldrinValue value, ValueEpoch requiredEpoch) {}

  private final ByteSource in;
  private final ValueEpoch epoch;
  private final int maxDepth;
  private final boolean canonical;
  private final boolean build;
  private ValueEpoch required = ValueEpoch.V1;

  private ValueParser(
      ByteSource in, ValueEpoch epoch, DecodeRules rules, boolean build) {
    this.in = in;
    this.epoch = epoch;
    this.maxDepth = rules.maxValueDepth();
    this.canonical = rules.requireCanonical();
    this.build = build;
  }

  /**
   * Reads exactly one value filling the slice.
   *
   * @param b array holding the value
   * @param off first byte of the value
   * @param len number of bytes the value must fill
   * @param epoch the sender's epoch: kinds it does not have are rejected
   * @param rules depth limit and canonical-form requirement
   * @param build whether to build the tree (else only validate)
   * @return the tree (if built) and the epoch the value needs
   * @throws AldrinDecodeException if the bytes are not exactly one valid value
   */
  public static Result parse(
      byte[] b, int off, int len, ValueEpoch epoch, DecodeRules rules, boolean build)
      throws AldrinDecodeException {
    ValueParser p =
        new ValueParser(new ByteSource(b, off, len, rules.requireCanonical()), epoch, rules, build);
    AldrinValue v = p.value(1);
    p.in.expectEnd("the value");
    return new Result(v, p.required);
  }

  private AldrinValue value(int depth) throws AldrinDecodeException {
    if (depth > maxDepth) {
      throw new AldrinDecodeException(
          DecodeProblem.VALUE_TOO_DEEP,
          in.position(),
          "a value at depth " + depth + " exceeds the limit of " + maxDepth);
    }
    int at = in.position();
    int id = in.u8("value kind");
    ValueKind kind = ValueKind.fromId(id);
    if (kind == null) {
      throw new AldrinDecodeException(
          DecodeProblem.UNKNOWN_VALUE_KIND, at, "value kind " + id + " is not defined");
    }
    if (!epoch.allows(kind)) {
      throw new AldrinDecodeException(
          DecodeProblem.VALUE_KIND_NOT_IN_EPOCH,
          at,
          "value kind " + kind + " (" + id + ") does not exist in epoch " + epoch);
    }
    if (kind.epoch() == ValueEpoch.V2) {
      required = ValueEpoch.V2;
    }
    return switch (kind) {
      case NONE -> build ? NONE : null;
      case SOME -> {
        AldrinValue inner = value(depth + 1);
        yield build ? new AldrinValue.Some(inner) : null;
      }
      case BOOL -> bool();
      case U8 -> scalar(KeyType.U8);
      case I8 -> scalar(KeyType.I8);
      case U16 -> scalar(KeyType.U16);
      case I16 -> scalar(KeyType.I16);
      case U32 -> scalar(KeyType.U32);
      case I32 -> scalar(KeyType.I32);
      case U64 -> scalar(KeyType.U64);
      case I64 -> scalar(KeyType.I64);
      case F32 -> {
        int bits = in.u32le("f32");
        yield build ? new AldrinValue.F32(bits) : null;
      }
      case F64 -> {
        long bits = in.u64le("f64");
        yield build ? new AldrinValue.F64(bits) : null;
      }
      case STRING -> string("string");
      case UUID -> build ? new AldrinValue.UuidValue(in.uuid("uuid")) : skipUuids(1, "uuid");
      case OBJECT_ID ->
          build ? new AldrinValue.ObjectIdValue(objectId()) : skipUuids(2, "object id");
      case SERVICE_ID -> {
        if (!build) {
          yield skipUuids(4, "service id");
        }
        ObjectId o = objectId();
        yield new AldrinValue.ServiceIdValue(
            new ServiceId(o, in.uuid("service uuid"), in.uuid("service cookie")));
      }
      case SENDER -> build ? new AldrinValue.Sender(in.uuid("sender")) : skipUuids(1, "sender");
      case RECEIVER ->
          build ? new AldrinValue.Receiver(in.uuid("receiver")) : skipUuids(1, "receiver");
      case ENUM -> {
        int variant = in.varU32("variant id");
        AldrinValue payload = value(depth + 1);
        yield build ? new AldrinValue.EnumValue(variant, payload) : null;
      }
      case VEC1 -> vec(depth, true);
      case VEC2 -> vec(depth, false);
      case BYTES1 -> bytes1();
      case BYTES2 -> bytes2();
      case STRUCT1 -> struct(depth, true);
      case STRUCT2 -> struct(depth, false);
      case U8_MAP1, I8_MAP1, U16_MAP1, I16_MAP1, U32_MAP1, I32_MAP1, U64_MAP1, I64_MAP1,
          STRING_MAP1, UUID_MAP1 -> map(kind.keyType(), depth, true);
      case U8_MAP2, I8_MAP2, U16_MAP2, I16_MAP2, U32_MAP2, I32_MAP2, U64_MAP2, I64_MAP2,
          STRING_MAP2, UUID_MAP2 -> map(kind.keyType(), depth, false);
      case U8_SET1, I8_SET1, U16_SET1, I16_SET1, U32_SET1, I32_SET1, U64_SET1, I64_SET1,
          STRING_SET1, UUID_SET1 -> set(kind.keyType(), true);
      case U8_SET2, I8_SET2, U16_SET2, I16_SET2, U32_SET2, I32_SET2, U64_SET2, I64_SET2,
          STRING_SET2, UUID_SET2 -> set(kind.keyType(), false);
    };
  }

  // Validation only checks that the UUIDs are there, without building objects from them; one at a
  // time, so that a truncation is reported where decoding would report it.
  private AldrinValue skipUuids(int count, String what) throws AldrinDecodeException {
    for (int i = 0; i < count; i++) {
      in.skip(16, what);
    }
    return null;
  }

  private ObjectId objectId() throws AldrinDecodeException {
    return new ObjectId(in.uuid("object uuid"), in.uuid("object cookie"));
  }

  private AldrinValue bool() throws AldrinDecodeException {
    int at = in.position();
    int v = in.u8("bool");
    if (canonical && v > 1) {
      throw new AldrinDecodeException(
          DecodeProblem.NON_CANONICAL_BOOL, at, "bool byte " + v + " is neither 0 nor 1");
    }
    return build ? new AldrinValue.Bool(v != 0) : null;
  }

  // An integer value and a map key or set element of the same type share one encoding.
  private AldrinValue scalar(KeyType type) throws AldrinDecodeException {
    switch (type) {
      case U8 -> {
        int v = in.u8("u8");
        return build ? new AldrinValue.U8(v) : null;
      }
      case I8 -> {
        int v = in.u8("i8");
        return build ? new AldrinValue.I8((byte) v) : null;
      }
      case U16 -> {
        int v = in.varU16("u16");
        return build ? new AldrinValue.U16(v) : null;
      }
      case I16 -> {
        short v = in.varI16("i16");
        return build ? new AldrinValue.I16(v) : null;
      }
      case U32 -> {
        int v = in.varU32("u32");
        return build ? new AldrinValue.U32(v) : null;
      }
      case I32 -> {
        int v = in.varI32("i32");
        return build ? new AldrinValue.I32(v) : null;
      }
      case U64 -> {
        long v = in.varU64("u64");
        return build ? new AldrinValue.U64(v) : null;
      }
      case I64 -> {
        long v = in.varI64("i64");
        return build ? new AldrinValue.I64(v) : null;
      }
      case STRING -> {
        return string("string key");
      }
      case UUID -> {
        return build ? new AldrinValue.UuidValue(in.uuid("uuid key")) : skipUuids(1, "uuid key");
      }
      default -> throw new IllegalStateException("unknown key type " + type);
    }
  }

  private AldrinValue string(String what) throws AldrinDecodeException {
    long len = Integer.toUnsignedLong(in.varU32(what + " length"));
    int start = in.skip(len, what);
    int bad = Utf8Validator.firstInvalid(in.array(), start, (int) len);
    if (bad >= 0) {
      throw new AldrinDecodeException(
          DecodeProblem.INVALID_UTF8, bad, what + " is not well-formed UTF-8");
    }
    return build
        ? new AldrinValue.StringValue(new String(in.array(), start, (int) len, UTF_8))
        : null;
  }

  private AldrinValue bytes1() throws AldrinDecodeException {
    long len = Integer.toUnsignedLong(in.varU32("bytes length"));
    int start = in.skip(len, "bytes");
    return build
        ? new AldrinValue.Bytes(Arrays.copyOfRange(in.array(), start, start + (int) len))
        : null;
  }

  private AldrinValue bytes2() throws AldrinDecodeException {
    ByteArrayOutputStream joined = build ? new ByteArrayOutputStream() : null;
    while (true) {
      long len = Integer.toUnsignedLong(in.varU32("bytes chunk length"));
      if (len == 0) {
        return build ? new AldrinValue.Bytes(joined.toByteArray()) : null;
      }
      int start = in.skip(len, "bytes chunk");
      if (build) {
        joined.write(in.array(), start, (int) len);
      }
    }
  }

  private AldrinValue vec(int depth, boolean counted) throws AldrinDecodeException {
    List<AldrinValue> elements = build ? new ArrayList<>() : null;
    long count = counted ? Integer.toUnsignedLong(in.varU32("element count")) : -1;
    for (long i = 0; counted ? i < count : nextElement(); i++) {
      AldrinValue e = value(depth + 1);
      if (build) {
        elements.add(e);
      }
    }
    return build ? new AldrinValue.Vec(elements) : null;
  }

  private AldrinValue map(KeyType keyType, int depth, boolean counted)
      throws AldrinDecodeException {
    List<AldrinValue.MapEntry> entries = build ? new ArrayList<>() : null;
    long count = counted ? Integer.toUnsignedLong(in.varU32("entry count")) : -1;
    for (long i = 0; counted ? i < count : nextElement(); i++) {
      AldrinValue k = scalar(keyType);
      AldrinValue v = value(depth + 1);
      if (build) {
        entries.add(new AldrinValue.MapEntry(k, v));
      }
    }
    return build ? new AldrinValue.MapValue(keyType, entries) : null;
  }

  private AldrinValue set(KeyType keyType, boolean counted) throws AldrinDecodeException {
    List<AldrinValue> elements = build ? new ArrayList<>() : null;
    long count = counted ? Integer.toUnsignedLong(in.varU32("element count")) : -1;
    for (long i = 0; counted ? i < count : nextElement(); i++) {
      AldrinValue k = scalar(keyType);
      if (build) {
        elements.add(k);
      }
    }
    return build ? new AldrinValue.SetValue(keyType, elements) : null;
  }

  private AldrinValue struct(int depth, boolean counted) throws AldrinDecodeException {
    List<AldrinValue.Field> fields = build ? new ArrayList<>() : null;
    long count = counted ? Integer.toUnsignedLong(in.varU32("field count")) : -1;
    for (long i = 0; counted ? i < count : nextElement(); i++) {
      int id = in.varU32("field id");
      AldrinValue v = value(depth + 1);
      if (build) {
        fields.add(new AldrinValue.Field(id, v));
      }
    }
    return build ? new AldrinValue.Struct(fields) : null;
  }

  // Streamed containers put a Some tag (1) before each element and a None tag (0) after the last.
  private boolean nextElement() throws AldrinDecodeException {
    int at = in.position();
    int tag = in.u8("element tag");
    return switch (tag) {
      case 0 -> false;
      case 1 -> true;
      default ->
          throw new AldrinDecodeException(
              DecodeProblem.INVALID_DISCRIMINANT,
              at,
              "element tag " + tag + " in a streamed container is neither 0 nor 1");
    };
  }
}

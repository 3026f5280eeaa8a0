package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loombus.aldrin.protocol.TestBytes.concat;
import static org.loombus.aldrin.protocol.TestBytes.hex;
import static org.loombus.aldrin.protocol.TestBytes.of;
import static org.loombus.aldrin.protocol.TestBytes.repeat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.loombus.aldrin.protocol.AldrinValue.Bool;
import org.loombus.aldrin.protocol.AldrinValue.EnumValue;
import org.loombus.aldrin.protocol.AldrinValue.F32;
import org.loombus.aldrin.protocol.AldrinValue.F64;
import org.loombus.aldrin.protocol.AldrinValue.Field;
import org.loombus.aldrin.protocol.AldrinValue.I16;
import org.loombus.aldrin.protocol.AldrinValue.I32;
import org.loombus.aldrin.protocol.AldrinValue.I64;
import org.loombus.aldrin.protocol.AldrinValue.I8;
import org.loombus.aldrin.protocol.AldrinValue.MapEntry;
import org.loombus.aldrin.protocol.AldrinValue.MapValue;
import org.loombus.aldrin.protocol.AldrinValue.None;
import org.loombus.aldrin.protocol.AldrinValue.ObjectIdValue;
import org.loombus.aldrin.protocol.AldrinValue.Receiver;
import org.loombus.aldrin.protocol.AldrinValue.Sender;
import org.loombus.aldrin.protocol.AldrinValue.ServiceIdValue;
import org.loombus.aldrin.protocol.AldrinValue.SetValue;
import org.loombus.aldrin.protocol.AldrinValue.Some;
import org.loombus.aldrin.protocol.AldrinValue.StringValue;
import org.loombus.aldrin.protocol.AldrinValue.Struct;
import org.loombus.aldrin.protocol.AldrinValue.U16;
import org.loombus.aldrin.protocol.AldrinValue.U32;
import org.loombus.aldrin.protocol.AldrinValue.U64;
import org.loombus.aldrin.protocol.AldrinValue.U8;
import org.loombus.aldrin.protocol.AldrinValue.UuidValue;
import org.loombus.aldrin.protocol.AldrinValue.Vec;

/**
 * The value encoding in both epochs. Unless said otherwise, the expected bytes are the test
 * vectors of aldrin-core ({@code core/src/impls/test.rs} at commit 74ea6c47): there, {@code v1} is
 * what a 1.14 peer reads and {@code v2} what Aldrin's encoder writes for 1.20.
 */
@DisplayName("Values")
class ValueCodecTest {
  private static final UUID U1 = UUID.fromString("01234567-89ab-cdef-0246-8ace13579bdf");
  private static final UUID OBJ = UUID.fromString("81494c44-3bed-48e6-b078-1a93a1ae0e29");
  private static final UUID OBJ_COOKIE = UUID.fromString("a29885a9-0212-4940-964f-e7302131714b");
  private static final UUID SVC = UUID.fromString("042ed578-1e74-4365-94b0-3f76facfb8b4");
  private static final UUID SVC_COOKIE = UUID.fromString("73e72e6b-12c3-49fc-9dfc-e4f0bf1917b1");
  private static final byte[] U1_BYTES =
      of(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x02, 0x46, 0x8a, 0xce, 0x13, 0x57, 0x9b,
          0xdf);
  private static final byte[] OBJ_BYTES =
      of(0x81, 0x49, 0x4c, 0x44, 0x3b, 0xed, 0x48, 0xe6, 0xb0, 0x78, 0x1a, 0x93, 0xa1, 0xae, 0x0e,
          0x29);
  private static final byte[] OBJ_COOKIE_BYTES =
      of(0xa2, 0x98, 0x85, 0xa9, 0x02, 0x12, 0x49, 0x40, 0x96, 0x4f, 0xe7, 0x30, 0x21, 0x31, 0x71,
          0x4b);
  private static final byte[] SVC_BYTES =
      of(0x04, 0x2e, 0xd5, 0x78, 0x1e, 0x74, 0x43, 0x65, 0x94, 0xb0, 0x3f, 0x76, 0xfa, 0xcf, 0xb8,
          0xb4);
  private static final byte[] SVC_COOKIE_BYTES =
      of(0x73, 0xe7, 0x2e, 0x6b, 0x12, 0xc3, 0x49, 0xfc, 0x9d, 0xfc, 0xe4, 0xf0, 0xbf, 0x19, 0x17,
          0xb1);

  private static final None NONE = new None();

  private static Arguments same(String name, AldrinValue value, byte[] encoded) {
    return Arguments.of(name, value, encoded, encoded);
  }

  private static Arguments forms(String name, AldrinValue value, byte[] v1, byte[] v2) {
    return Arguments.of(name, value, v1, v2);
  }

  static Stream<Arguments> vectors() {
    return Stream.of(
        same("unit", NONE, of(0)),
        same("some(unit)", new Some(NONE), of(1, 0)),
        same("false", new Bool(false), of(2, 0)),
        same("true", new Bool(true), of(2, 1)),
        same("u8 255", new U8(255), of(3, 255)),
        same("i8 -1", new I8((byte) -1), of(4, 255)),
        same("i8 -128", new I8((byte) -128), of(4, 128)),
        same("u16 0", new U16(0), of(5, 0)),
        same("u16 max", new U16(0xFFFF), of(5, 255, 255, 255)),
        same("i16 1", new I16((short) 1), of(6, 2)),
        same("i16 -1", new I16((short) -1), of(6, 1)),
        same("i16 max", new I16(Short.MAX_VALUE), of(6, 255, 254, 255)),
        same("i16 min", new I16(Short.MIN_VALUE), of(6, 255, 255, 255)),
        same("u32 max", new U32(-1), of(7, 255, 255, 255, 255, 255)),
        same("i32 max", new I32(Integer.MAX_VALUE), of(8, 255, 254, 255, 255, 255)),
        same("i32 min", new I32(Integer.MIN_VALUE), of(8, 255, 255, 255, 255, 255)),
        same("u64 max", new U64(-1L), of(9, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        same("i64 max", new I64(Long.MAX_VALUE),
            of(10, 255, 254, 255, 255, 255, 255, 255, 255, 255)),
        same("i64 min", new I64(Long.MIN_VALUE),
            of(10, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        same("f32 pi", F32.of((float) Math.PI), of(11, 219, 15, 73, 64)),
        same("f64 pi", F64.of(Math.PI), of(12, 24, 45, 68, 84, 251, 33, 9, 64)),
        same("string abcd", new StringValue("abcd"), of(13, 4, 'a', 'b', 'c', 'd')),
        same("string umlauts", new StringValue("äöü"), of(13, 6, 195, 164, 195, 182, 195, 188)),
        same("empty string", new StringValue(""), of(13, 0)),
        same("uuid", new UuidValue(U1), concat(of(14), U1_BYTES)),
        same(
            "object id",
            new ObjectIdValue(new ObjectId(OBJ, OBJ_COOKIE)),
            concat(of(15), OBJ_BYTES, OBJ_COOKIE_BYTES)),
        same(
            "service id",
            new ServiceIdValue(new ServiceId(new ObjectId(OBJ, OBJ_COOKIE), SVC, SVC_COOKIE)),
            concat(of(16), OBJ_BYTES, OBJ_COOKIE_BYTES, SVC_BYTES, SVC_COOKIE_BYTES)),
        same("sender", new Sender(U1), concat(of(41), U1_BYTES)),
        same("receiver", new Receiver(U1), concat(of(42), U1_BYTES)),
        same("unit variant", new EnumValue(1, NONE), of(40, 1, 0)),
        same("variant with u8", new EnumValue(2, new U8(4)), of(40, 2, 3, 4)),
        same("result ok(1)", new EnumValue(0, new U8(1)), of(40, 0, 3, 1)),
        forms("vec [7, 8]", vec(new U8(7), new U8(8)), of(17, 2, 3, 7, 3, 8),
            of(43, 1, 3, 7, 1, 3, 8, 0)),
        forms("vec [none, 4]", vec(NONE, new U8(4)), of(17, 2, 0, 3, 4), of(43, 1, 0, 1, 3, 4, 0)),
        forms("empty vec", vec(), of(17, 0), of(43, 0)),
        forms("bytes", bytes(1, 2, 3), of(18, 3, 1, 2, 3), of(44, 3, 1, 2, 3, 0)),
        forms("empty bytes", bytes(), of(18, 0), of(44, 0)),
        forms(
            "u8 map",
            map(KeyType.U8, new U8(0), new U8(1), new U8(2), new U8(3)),
            of(19, 2, 0, 3, 1, 2, 3, 3),
            of(45, 1, 0, 3, 1, 1, 2, 3, 3, 0)),
        forms("empty u8 map", map(KeyType.U8), of(19, 0), of(45, 0)),
        forms("i8 map", map(KeyType.I8, new I8((byte) 2), new U8(4)), of(20, 1, 2, 3, 4),
            of(46, 1, 2, 3, 4, 0)),
        forms("u16 map", map(KeyType.U16, new U16(2), new U8(4)), of(21, 1, 2, 3, 4),
            of(47, 1, 2, 3, 4, 0)),
        forms("i16 map", map(KeyType.I16, new I16((short) 2), new U8(4)), of(22, 1, 4, 3, 4),
            of(48, 1, 4, 3, 4, 0)),
        forms("u32 map", map(KeyType.U32, new U32(2), new U8(4)), of(23, 1, 2, 3, 4),
            of(49, 1, 2, 3, 4, 0)),
        forms("i32 map", map(KeyType.I32, new I32(2), new U8(4)), of(24, 1, 4, 3, 4),
            of(50, 1, 4, 3, 4, 0)),
        forms("u64 map", map(KeyType.U64, new U64(2), new U8(4)), of(25, 1, 2, 3, 4),
            of(51, 1, 2, 3, 4, 0)),
        forms("i64 map", map(KeyType.I64, new I64(2), new U8(4)), of(26, 1, 4, 3, 4),
            of(52, 1, 4, 3, 4, 0)),
        forms(
            "string map",
            map(KeyType.STRING, new StringValue("34"), new U16(6)),
            of(27, 1, 2, '3', '4', 5, 6),
            of(53, 1, 2, '3', '4', 5, 6, 0)),
        forms(
            "uuid map",
            map(KeyType.UUID, new UuidValue(OBJ), new U8(0)),
            concat(of(28, 1), OBJ_BYTES, of(3, 0)),
            concat(of(54, 1), OBJ_BYTES, of(3, 0, 0))),
        forms("u8 set", set(KeyType.U8, new U8(3), new U8(4)), of(29, 2, 3, 4),
            of(55, 1, 3, 1, 4, 0)),
        forms("empty u8 set", set(KeyType.U8), of(29, 0), of(55, 0)),
        forms("i8 set", set(KeyType.I8, new I8((byte) 2)), of(30, 1, 2), of(56, 1, 2, 0)),
        forms("u16 set", set(KeyType.U16, new U16(2)), of(31, 1, 2), of(57, 1, 2, 0)),
        forms("i16 set", set(KeyType.I16, new I16((short) 1)), of(32, 1, 2), of(58, 1, 2, 0)),
        forms("u32 set", set(KeyType.U32, new U32(2)), of(33, 1, 2), of(59, 1, 2, 0)),
        forms("i32 set", set(KeyType.I32, new I32(1)), of(34, 1, 2), of(60, 1, 2, 0)),
        forms("u64 set", set(KeyType.U64, new U64(2)), of(35, 1, 2), of(61, 1, 2, 0)),
        forms("i64 set", set(KeyType.I64, new I64(1)), of(36, 1, 2), of(62, 1, 2, 0)),
        forms("string set", set(KeyType.STRING, new StringValue("34")), of(37, 1, 2, '3', '4'),
            of(63, 1, 2, '3', '4', 0)),
        forms(
            "uuid set",
            set(KeyType.UUID, new UuidValue(OBJ)),
            concat(of(38, 1), OBJ_BYTES),
            concat(of(64, 1), OBJ_BYTES, of(0))),
        forms(
            "struct {1: 2u32, 2: some(3i32)}",
            new Struct(List.of(new Field(1, new U32(2)), new Field(2, new Some(new I32(3))))),
            of(39, 2, 1, 7, 2, 2, 1, 8, 6),
            of(65, 1, 1, 7, 2, 1, 2, 1, 8, 6, 0)),
        forms(
            "struct {1: 1u32}",
            new Struct(List.of(new Field(1, new U32(1)))),
            of(39, 1, 1, 7, 1),
            of(65, 1, 1, 7, 1, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("encodes each epoch's form exactly, decodes both forms to the same tree")
  void vector(String name, AldrinValue value, byte[] v1, byte[] v2) throws Exception {
    assertEquals(hex(v1), hex(ValueCodec.encode(value, ValueEpoch.V1).toByteArray()));
    assertEquals(hex(v2), hex(ValueCodec.encode(value, ValueEpoch.V2).toByteArray()));
    assertEquals(value, ValueCodec.decode(v1, ValueEpoch.V1, DecodeRules.STRICT));
    assertEquals(value, ValueCodec.decode(v2, ValueEpoch.V2, DecodeRules.STRICT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("converting the 1.20 form for a 1.14 receiver gives the 1.14 form (down)")
  void convertsDown(String name, AldrinValue value, byte[] v1, byte[] v2) throws Exception {
    RawValue raw = ValueCodec.validate(v2, ValueEpoch.V2, DecodeRules.STRICT);
    assertEquals(hex(v1), hex(raw.forEpoch(ValueEpoch.V1).toByteArray()));
    assertEquals(hex(v1), hex(ValueCodec.convert(raw, ValueEpoch.V1).toByteArray()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("a 1.14 form reaches a 1.20 receiver unchanged (up is the identity)")
  void upIsIdentity(String name, AldrinValue value, byte[] v1, byte[] v2) throws Exception {
    RawValue raw = ValueCodec.validate(v1, ValueEpoch.V1, DecodeRules.STRICT);
    assertEquals(ValueEpoch.V1, raw.requiredEpoch());
    assertSame(raw, raw.forEpoch(ValueEpoch.V2));
    assertSame(raw, raw.forEpoch(ValueEpoch.V1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("only values that use an epoch-2 kind require epoch 2")
  void requiredEpoch(String name, AldrinValue value, byte[] v1, byte[] v2) throws Exception {
    RawValue raw = ValueCodec.validate(v2, ValueEpoch.V2, DecodeRules.STRICT);
    ValueEpoch expected = v2[0] >= 43 ? ValueEpoch.V2 : ValueEpoch.V1;
    assertEquals(expected, raw.requiredEpoch());
    assertEquals(expected, ValueCodec.encode(value, ValueEpoch.V2).requiredEpoch());
  }

  @Test
  @DisplayName("a byte string in several chunks decodes to one byte string (test_bytes_segmented)")
  void segmentedBytes() throws Exception {
    byte[] segmented = of(44, 1, 1, 1, 2, 1, 3, 0);
    assertEquals(bytes(1, 2, 3), ValueCodec.decode(segmented, ValueEpoch.V2, DecodeRules.STRICT));
    RawValue raw = ValueCodec.validate(segmented, ValueEpoch.V2, DecodeRules.STRICT);
    assertEquals(hex(of(18, 3, 1, 2, 3)), hex(raw.forEpoch(ValueEpoch.V1).toByteArray()));
  }

  @Test
  @DisplayName("conversion reaches nested containers: vec2 of struct2 of map2 becomes all counted")
  void nestedConversion() throws Exception {
    byte[] v2 = of(43, 1, 65, 1, 5, 45, 1, 9, 2, 1, 0, 0, 0);
    byte[] v1 = of(17, 1, 39, 1, 5, 19, 1, 9, 2, 1);
    RawValue raw = ValueCodec.validate(v2, ValueEpoch.V2, DecodeRules.STRICT);
    assertEquals(hex(v1), hex(raw.forEpoch(ValueEpoch.V1).toByteArray()));
  }

  @Test
  @DisplayName("a value of counted kinds only is forwarded as it is, even from a 1.20 sender")
  void countedFormsNeedNoConversion() throws Exception {
    RawValue raw = ValueCodec.validate(of(17, 1, 3, 9), ValueEpoch.V2, DecodeRules.STRICT);
    assertSame(raw, raw.forEpoch(ValueEpoch.V1));
  }

  @Test
  @DisplayName("float bit patterns survive decoding and encoding, NaN payload included")
  void nanPayload() throws Exception {
    byte[] nan = of(11, 0x01, 0x00, 0xC0, 0x7F);
    AldrinValue v = ValueCodec.decode(nan, ValueEpoch.V1, DecodeRules.STRICT);
    assertEquals(new F32(0x7FC00001), v);
    assertEquals(hex(nan), hex(ValueCodec.encode(v, ValueEpoch.V2).toByteArray()));
  }

  @Test
  @DisplayName("duplicate set elements and struct fields are kept in wire order")
  void duplicatesKept() throws Exception {
    assertEquals(
        set(KeyType.U8, new U8(3), new U8(3)),
        ValueCodec.decode(of(29, 2, 3, 3), ValueEpoch.V1, DecodeRules.STRICT));
    assertEquals(
        new Struct(List.of(new Field(0, NONE), new Field(0, new U8(1)))),
        ValueCodec.decode(of(65, 1, 0, 0, 1, 0, 3, 1, 0), ValueEpoch.V2, DecodeRules.STRICT));
  }

  // Strictness. Each case asserts the exact problem and where it was noticed.

  @Test
  @DisplayName("32 nested Somes around None are too deep (test_deserialize_too_deep); 31 are not")
  void depthLimit() throws Exception {
    byte[] tooDeep = concat(repeat(1, 32), of(0));
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 32, tooDeep, ValueEpoch.V1, DecodeRules.STRICT);
    byte[] deepest = concat(repeat(1, 31), of(0));
    ValueCodec.validate(deepest, ValueEpoch.V1, DecodeRules.STRICT);
    ValueCodec.validate(tooDeep, ValueEpoch.V1, DecodeRules.STRICT.withMaxValueDepth(33));
  }

  @Test
  @DisplayName("every container counts one level: a vec2 in a vec2 is depth 3 for its elements")
  void containerDepth() throws Exception {
    DecodeRules two = DecodeRules.STRICT.withMaxValueDepth(2);
    ValueCodec.validate(of(43, 1, 43, 0, 0), ValueEpoch.V2, two);
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 4, of(43, 1, 43, 1, 0, 0, 0), ValueEpoch.V2, two);
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 4, of(40, 0, 40, 0, 0), ValueEpoch.V1, two);
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 6, of(19, 1, 7, 19, 1, 7, 0), ValueEpoch.V1, two);
    assertProblem(DecodeProblem.VALUE_TOO_DEEP, 6, of(39, 1, 7, 39, 1, 7, 0), ValueEpoch.V1, two);
  }

  @Test
  @DisplayName("the encoder refuses trees Aldrin would refuse to read")
  void encodeTooDeep() {
    AldrinValue v = NONE;
    for (int i = 0; i < 32; i++) {
      v = new Some(v);
    }
    AldrinValue deep = v;
    assertThrows(IllegalArgumentException.class, () -> ValueCodec.encode(deep, ValueEpoch.V2));
    ValueCodec.encode(((Some) deep).value(), ValueEpoch.V2);
  }

  @Test
  @DisplayName("kind bytes past 65 are unknown")
  void unknownKind() {
    assertProblem(DecodeProblem.UNKNOWN_VALUE_KIND, 0, of(66), ValueEpoch.V2, DecodeRules.STRICT);
    assertProblem(DecodeProblem.UNKNOWN_VALUE_KIND, 2, of(17, 1, 255), ValueEpoch.V2,
        DecodeRules.STRICT);
  }

  @Test
  @DisplayName("epoch-2 kinds from an epoch-1 sender are rejected, however deep")
  void kindNotInEpoch() throws Exception {
    assertProblem(DecodeProblem.VALUE_KIND_NOT_IN_EPOCH, 0, of(43, 0), ValueEpoch.V1,
        DecodeRules.STRICT);
    assertProblem(DecodeProblem.VALUE_KIND_NOT_IN_EPOCH, 2, of(17, 1, 65, 0), ValueEpoch.V1,
        DecodeRules.STRICT);
    ValueCodec.validate(of(17, 1, 65, 0), ValueEpoch.V2, DecodeRules.STRICT);
  }

  static Stream<Arguments> truncated() {
    return Stream.of(
        Arguments.of("nothing", of(), 0),
        Arguments.of("u8 without its byte", of(3), 1),
        Arguments.of("u16 marker without bytes", of(5, 255, 1), 2),
        Arguments.of("f64 with 7 bytes", of(12, 1, 2, 3, 4, 5, 6, 7), 1),
        Arguments.of("string shorter than its length", of(13, 4, 'a'), 2),
        Arguments.of("uuid with 3 bytes", of(14, 1, 2, 3), 1),
        Arguments.of("object id with one uuid", concat(of(15), OBJ_BYTES), 17),
        Arguments.of("vec1 missing its second element", of(17, 2, 0), 3),
        Arguments.of("vec2 without terminator", of(43, 1, 0), 3),
        Arguments.of("bytes2 without zero chunk", of(44, 1, 9), 3),
        Arguments.of("map1 key without value", of(19, 1, 7), 3),
        Arguments.of("struct2 field id without value", of(65, 1, 4), 3),
        Arguments.of("enum without payload", of(40, 1), 2),
        Arguments.of("string length near u32 max", of(13, 255, 255, 255, 255, 255), 6),
        Arguments.of("vec1 count u32 max, no elements", of(17, 255, 255, 255, 255, 255), 6));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truncated")
  @DisplayName("input ending inside a value is TRUNCATED")
  void truncatedValues(String name, byte[] encoded, int offset) {
    assertProblem(DecodeProblem.TRUNCATED, offset, encoded, ValueEpoch.V2, DecodeRules.STRICT);
  }

  @Test
  @DisplayName("bytes after the one value are TRAILING_BYTES")
  void trailing() {
    assertProblem(DecodeProblem.TRAILING_BYTES, 1, of(0, 0), ValueEpoch.V2, DecodeRules.STRICT);
    assertProblem(DecodeProblem.TRAILING_BYTES, 2, of(3, 1, 3), ValueEpoch.V2, DecodeRules.STRICT);
  }

  @Test
  @DisplayName("overlong varints are rejected when strict and read as Aldrin reads them otherwise")
  void overlongVarints() throws Exception {
    byte[] u32FiveInTwo = of(7, 252, 5);
    byte[] u32OneInThree = of(7, 253, 1, 0);
    byte[] u16TwoFiftyFiveInThree = of(5, 255, 255, 0);
    byte[] u16TwoFiftyThreeInTwo = of(5, 254, 253);
    for (byte[] b : List.of(u32FiveInTwo, u32OneInThree, u16TwoFiftyFiveInThree,
        u16TwoFiftyThreeInTwo)) {
      assertProblem(DecodeProblem.NON_CANONICAL_VARINT, 1, b, ValueEpoch.V2, DecodeRules.STRICT);
    }
    DecodeRules lenient = DecodeRules.ALDRIN_COMPATIBLE;
    assertEquals(new U32(5), ValueCodec.decode(u32FiveInTwo, ValueEpoch.V2, lenient));
    assertEquals(new U32(1), ValueCodec.decode(u32OneInThree, ValueEpoch.V2, lenient));
    assertEquals(new U16(255), ValueCodec.decode(u16TwoFiftyFiveInThree, ValueEpoch.V2, lenient));
    assertEquals(new U16(253), ValueCodec.decode(u16TwoFiftyThreeInTwo, ValueEpoch.V2, lenient));
  }

  @Test
  @DisplayName("the shortest forms at every marker boundary are accepted when strict")
  void canonicalBoundaries() throws Exception {
    assertEquals(new U16(253), ValueCodec.decode(of(5, 253), ValueEpoch.V1, DecodeRules.STRICT));
    assertEquals(new U16(254), ValueCodec.decode(of(5, 254, 254), ValueEpoch.V1,
        DecodeRules.STRICT));
    assertEquals(new U16(256), ValueCodec.decode(of(5, 255, 0, 1), ValueEpoch.V1,
        DecodeRules.STRICT));
    assertEquals(new U32(252), ValueCodec.decode(of(7, 252, 252), ValueEpoch.V1,
        DecodeRules.STRICT));
    assertEquals(new U64(248), ValueCodec.decode(of(9, 248, 248), ValueEpoch.V1,
        DecodeRules.STRICT));
    assertEquals(new U64(247), ValueCodec.decode(of(9, 247), ValueEpoch.V1, DecodeRules.STRICT));
  }

  @Test
  @DisplayName("converting a leniently accepted value canonicalises it, as Aldrin's converter does")
  void conversionCanonicalises() throws Exception {
    RawValue raw =
        ValueCodec.validate(of(43, 1, 7, 252, 5, 1, 2, 2, 0), ValueEpoch.V2,
            DecodeRules.ALDRIN_COMPATIBLE);
    assertEquals(hex(of(17, 2, 7, 5, 2, 1)), hex(raw.forEpoch(ValueEpoch.V1).toByteArray()));
  }

  @Test
  @DisplayName("a bool byte other than 0 or 1 is NON_CANONICAL_BOOL when strict, true otherwise")
  void boolBytes() throws Exception {
    assertProblem(DecodeProblem.NON_CANONICAL_BOOL, 1, of(2, 2), ValueEpoch.V1, DecodeRules.STRICT);
    assertEquals(new Bool(true),
        ValueCodec.decode(of(2, 2), ValueEpoch.V1, DecodeRules.ALDRIN_COMPATIBLE));
  }

  @Test
  @DisplayName("strings and string keys must be well-formed UTF-8")
  void utf8() {
    assertProblem(DecodeProblem.INVALID_UTF8, 2, of(13, 2, 0xC0, 0x80), ValueEpoch.V1,
        DecodeRules.ALDRIN_COMPATIBLE);
    assertProblem(DecodeProblem.INVALID_UTF8, 2, of(13, 3, 0xED, 0xA0, 0x80), ValueEpoch.V1,
        DecodeRules.STRICT);
    assertProblem(DecodeProblem.INVALID_UTF8, 3, of(27, 1, 1, 0xFF, 0), ValueEpoch.V1,
        DecodeRules.STRICT);
    assertProblem(DecodeProblem.INVALID_UTF8, 4, of(13, 3, 'a', 'b', 0xE2), ValueEpoch.V1,
        DecodeRules.STRICT);
  }

  @Test
  @DisplayName("a streamed container's element tag must be 0 or 1")
  void elementTag() {
    assertProblem(DecodeProblem.INVALID_DISCRIMINANT, 1, of(43, 2), ValueEpoch.V2,
        DecodeRules.STRICT);
    assertProblem(DecodeProblem.INVALID_DISCRIMINANT, 4, of(65, 1, 0, 0, 7), ValueEpoch.V2,
        DecodeRules.STRICT);
  }

  @Test
  @DisplayName("a raw value hands out copies only")
  void rawValueIsImmutable() throws Exception {
    byte[] source = of(3, 7);
    RawValue raw = ValueCodec.validate(source, ValueEpoch.V1, DecodeRules.STRICT);
    source[1] = 8;
    raw.toByteArray()[1] = 9;
    assertEquals(hex(of(3, 7)), hex(raw.toByteArray()));
    assertEquals(new U8(7), ValueCodec.decode(raw));
  }

  @Test
  @DisplayName("map keys must match the declared key type")
  void keyTypeChecked() {
    assertThrows(IllegalArgumentException.class,
        () -> new MapValue(KeyType.U16, List.of(new MapEntry(new U8(1), NONE))));
  }

  static void assertProblem(
      DecodeProblem problem, int offset, byte[] encoded, ValueEpoch epoch, DecodeRules rules) {
    AldrinDecodeException e =
        assertThrows(AldrinDecodeException.class,
            () -> ValueCodec.validate(encoded, epoch, rules), () -> hex(encoded));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
    AldrinDecodeException e2 =
        assertThrows(AldrinDecodeException.class, () -> ValueCodec.decode(encoded, epoch, rules));
    assertEquals(problem, e2.problem(), "decoding and validation disagree: " + e2.getMessage());
  }

  private static Vec vec(AldrinValue... elements) {
    return new Vec(List.of(elements));
  }

  private static AldrinValue.Bytes bytes(int... b) {
    return new AldrinValue.Bytes(of(b));
  }

  private static MapValue map(KeyType keyType, AldrinValue... keysAndValues) {
    List<MapEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      entries.add(new MapEntry(keysAndValues[i], keysAndValues[i + 1]));
    }
    return new MapValue(keyType, entries);
  }

  private static SetValue set(KeyType keyType, AldrinValue... elements) {
    return new SetValue(keyType, List.of(elements));
  }
}

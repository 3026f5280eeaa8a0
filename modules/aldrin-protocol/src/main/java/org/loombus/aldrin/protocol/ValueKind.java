package org.loombus.aldrin.protocol;

/**
 * The kind byte that starts every encoded value, with the number Aldrin gives it. Kinds ending in
 * 1 are the counted containers of epoch 1; kinds ending in 2 are their streamed epoch-2
 * counterparts.
 */
public enum ValueKind {
  /** No value, also the end marker of streamed containers. */
  NONE(0, ValueEpoch.V1, null),
  /** An optional value that is present: one nested value follows. */
  SOME(1, ValueEpoch.V1, null),
  /** One byte, 0 or 1. */
  BOOL(2, ValueEpoch.V1, null),
  /** One raw byte. */
  U8(3, ValueEpoch.V1, null),
  /** One raw byte, two's complement. */
  I8(4, ValueEpoch.V1, null),
  /** Unsigned 16-bit varint. */
  U16(5, ValueEpoch.V1, null),
  /** Signed 16-bit zigzag varint. */
  I16(6, ValueEpoch.V1, null),
  /** Unsigned 32-bit varint. */
  U32(7, ValueEpoch.V1, null),
  /** Signed 32-bit zigzag varint. */
  I32(8, ValueEpoch.V1, null),
  /** Unsigned 64-bit varint. */
  U64(9, ValueEpoch.V1, null),
  /** Signed 64-bit zigzag varint. */
  I64(10, ValueEpoch.V1, null),
  /** IEEE 754 single precision, 4 bytes little-endian. */
  F32(11, ValueEpoch.V1, null),
  /** IEEE 754 double precision, 8 bytes little-endian. */
  F64(12, ValueEpoch.V1, null),
  /** UTF-8 text: u32 varint byte length, then the bytes. */
  STRING(13, ValueEpoch.V1, null),
  /** 16 raw bytes in RFC 4122 order. */
  UUID(14, ValueEpoch.V1, null),
  /** Object UUID then object cookie, 32 bytes. */
  OBJECT_ID(15, ValueEpoch.V1, null),
  /** Object UUID, object cookie, service UUID, service cookie, 64 bytes. */
  SERVICE_ID(16, ValueEpoch.V1, null),
  /** Counted sequence: u32 varint count, then the elements. */
  VEC1(17, ValueEpoch.V1, null),
  /** Counted byte string: u32 varint length, then the bytes. */
  BYTES1(18, ValueEpoch.V1, null),
  /** Counted map with u8 keys. */
  U8_MAP1(19, ValueEpoch.V1, KeyType.U8),
  /** Counted map with i8 keys. */
  I8_MAP1(20, ValueEpoch.V1, KeyType.I8),
  /** Counted map with u16 keys. */
  U16_MAP1(21, ValueEpoch.V1, KeyType.U16),
  /** Counted map with i16 keys. */
  I16_MAP1(22, ValueEpoch.V1, KeyType.I16),
  /** Counted map with u32 keys. */
  U32_MAP1(23, ValueEpoch.V1, KeyType.U32),
  /** Counted map with i32 keys. */
  I32_MAP1(24, ValueEpoch.V1, KeyType.I32),
  /** Counted map with u64 keys. */
  U64_MAP1(25, ValueEpoch.V1, KeyType.U64),
  /** Counted map with i64 keys. */
  I64_MAP1(26, ValueEpoch.V1, KeyType.I64),
  /** Counted map with string keys. */
  STRING_MAP1(27, ValueEpoch.V1, KeyType.STRING),
  /** Counted map with uuid keys. */
  UUID_MAP1(28, ValueEpoch.V1, KeyType.UUID),
  /** Counted set of u8 elements. */
  U8_SET1(29, ValueEpoch.V1, KeyType.U8),
  /** Counted set of i8 elements. */
  I8_SET1(30, ValueEpoch.V1, KeyType.I8),
  /** Counted set of u16 elements. */
  U16_SET1(31, ValueEpoch.V1, KeyType.U16),
  /** Counted set of i16 elements. */
  I16_SET1(32, ValueEpoch.V1, KeyType.I16),
  /** Counted set of u32 elements. */
  U32_SET1(33, ValueEpoch.V1, KeyType.U32),
  /** Counted set of i32 elements. */
  I32_SET1(34, ValueEpoch.V1, KeyType.I32),
  /** Counted set of u64 elements. */
  U64_SET1(35, ValueEpoch.V1, KeyType.U64),
  /** Counted set of i64 elements. */
  I64_SET1(36, ValueEpoch.V1, KeyType.I64),
  /** Counted set of string elements. */
  STRING_SET1(37, ValueEpoch.V1, KeyType.STRING),
  /** Counted set of uuid elements. */
  UUID_SET1(38, ValueEpoch.V1, KeyType.UUID),
  /** Counted struct: u32 varint field count, then (u32 varint id, value) pairs. */
  STRUCT1(39, ValueEpoch.V1, null),
  /** Enum variant: u32 varint variant id, then the payload value. */
  ENUM(40, ValueEpoch.V1, null),
  /** Sending end of a channel: 16-byte channel cookie. */
  SENDER(41, ValueEpoch.V1, null),
  /** Receiving end of a channel: 16-byte channel cookie. */
  RECEIVER(42, ValueEpoch.V1, null),
  /** Streamed sequence: (1, element) repeated, then 0. */
  VEC2(43, ValueEpoch.V2, null),
  /** Streamed byte string: (u32 varint length, bytes) chunks, then a zero length. */
  BYTES2(44, ValueEpoch.V2, null),
  /** Streamed map with u8 keys. */
  U8_MAP2(45, ValueEpoch.V2, KeyType.U8),
  /** Streamed map with i8 keys. */
  I8_MAP2(46, ValueEpoch.V2, KeyType.I8),
  /** Streamed map with u16 keys. */
  U16_MAP2(47, ValueEpoch.V2, KeyType.U16),
  /** Streamed map with i16 keys. */
  I16_MAP2(48, ValueEpoch.V2, KeyType.I16),
  /** Streamed map with u32 keys. */
  U32_MAP2(49, ValueEpoch.V2, KeyType.U32),
  /** Streamed map with i32 keys. */
  I32_MAP2(50, ValueEpoch.V2, KeyType.I32),
  /** Streamed map with u64 keys. */
  U64_MAP2(51, ValueEpoch.V2, KeyType.U64),
  /** Streamed map with i64 keys. */
  I64_MAP2(52, ValueEpoch.V2, KeyType.I64),
  /** Streamed map with string keys. */
  STRING_MAP2(53, ValueEpoch.V2, KeyType.STRING),
  /** Streamed map with uuid keys. */
  UUID_MAP2(54, ValueEpoch.V2, KeyType.UUID),
  /** Streamed set of u8 elements. */
  U8_SET2(55, ValueEpoch.V2, KeyType.U8),
  /** Streamed set of i8 elements. */
  I8_SET2(56, ValueEpoch.V2, KeyType.I8),
  /** Streamed set of u16 elements. */
  U16_SET2(57, ValueEpoch.V2, KeyType.U16),
  /** Streamed set of i16 elements. */
  I16_SET2(58, ValueEpoch.V2, KeyType.I16),
  /** Streamed set of u32 elements. */
  U32_SET2(59, ValueEpoch.V2, KeyType.U32),
  /** Streamed set of i32 elements. */
  I32_SET2(60, ValueEpoch.V2, KeyType.I32),
  /** Streamed set of u64 elements. */
  U64_SET2(61, ValueEpoch.V2, KeyType.U64),
  /** Streamed set of i64 elements. */
  I64_SET2(62, ValueEpoch.V2, KeyType.I64),
  /** Streamed set of string elements. */
  STRING_SET2(63, ValueEpoch.V2, KeyType.STRING),
  /** Streamed set of uuid elements. */
  UUID_SET2(64, ValueEpoch.V2, KeyType.UUID),
  /** Streamed struct: (1, u32 varint id, value) repeated, then 0. */
  STRUCT2(65, ValueEpoch.V2, null);

  private static final ValueKind[] BY_ID = new ValueKind[66];

  static {
    for (ValueKind k : values()) {
      BY_ID[k.id] = k;
    }
  }

  private final int id;
  private final ValueEpoch epoch;
  private final KeyType keyType;

  ValueKind(int id, ValueEpoch epoch, KeyType keyType) {
    this.id = id;
    this.epoch = epoch;
    this.keyType = keyType;
  }

  /**
   * @param id a kind byte, 0 to 255
   * @return the kind with that number, or {@code null} if Aldrin defines none
   */
  public static ValueKind fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /** @return the kind byte */
  public int id() {
    return id;
  }

  /** @return the first epoch that has this kind */
  public ValueEpoch epoch() {
    return epoch;
  }

  /** @return the key type of a map or set kind, or {@code null} for every other kind */
  public KeyType keyType() {
    return keyType;
  }
}

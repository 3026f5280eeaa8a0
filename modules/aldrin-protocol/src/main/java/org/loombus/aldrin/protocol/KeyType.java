package org.loombus.aldrin.protocol;

/**
 * The types a map key or set element can have. Each has four value kinds: counted and streamed
 * maps, counted and streamed sets.
 */
public enum KeyType {
  /** Unsigned 8-bit, one raw byte. */
  U8(19),
  /** Signed 8-bit, one raw byte. */
  I8(20),
  /** Unsigned 16-bit varint. */
  U16(21),
  /** Signed 16-bit zigzag varint. */
  I16(22),
  /** Unsigned 32-bit varint. */
  U32(23),
  /** Signed 32-bit zigzag varint. */
  I32(24),
  /** Unsigned 64-bit varint. */
  U64(25),
  /** Signed 64-bit zigzag varint. */
  I64(26),
  /** UTF-8 string with a varint byte length. */
  STRING(27),
  /** 16 raw bytes. */
  UUID(28);

  // The four kinds of a key type sit at fixed distances from its epoch-1 map kind.
  private static final int SET_OFFSET = 10;
  private static final int EPOCH2_OFFSET = 26;

  private final int map1Id;

  KeyType(int map1Id) {
    this.map1Id = map1Id;
  }

  /**
   * @param epoch the epoch whose container form is wanted
   * @return the map kind of this key type in that form (counted for V1, streamed for V2)
   */
  public ValueKind mapKind(ValueEpoch epoch) {
    return ValueKind.fromId(map1Id + (epoch == ValueEpoch.V2 ? EPOCH2_OFFSET : 0));
  }

  /**
   * @param epoch the epoch whose container form is wanted
   * @return the set kind of this key type in that form (counted for V1, streamed for V2)
   */
  public ValueKind setKind(ValueEpoch epoch) {
    return ValueKind.fromId(map1Id + SET_OFFSET + (epoch == ValueEpoch.V2 ? EPOCH2_OFFSET : 0));
  }
}

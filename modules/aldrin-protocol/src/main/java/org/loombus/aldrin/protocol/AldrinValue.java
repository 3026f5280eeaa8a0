package org.loombus.aldrin.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A decoded Aldrin value, independent of the epoch it was encoded in: a counted and a streamed
 * vector decode to the same {@link Vec}, and the encoder picks the form from the target epoch.
 * Containers keep their elements in wire order, duplicates included, because a broker must
 * describe what was sent rather than what a typed reader would make of it.
 *
 * <p>Unsigned wire integers are carried in the next-wider or same-width Java type and say so on
 * each record; floats keep their exact bit patterns so that NaN payloads survive a round trip.
 */
public sealed interface AldrinValue {
  /** No value ({@code ()} or an absent option). */
  record None() implements AldrinValue {}

  /**
   * A present optional value.
   *
   * @param value the wrapped value
   */
  record Some(AldrinValue value) implements AldrinValue {
    /** Rejects null. */
    public Some {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A boolean.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements AldrinValue {}

  /**
   * An unsigned 8-bit integer.
   *
   * @param value 0 to 255
   */
  record U8(int value) implements AldrinValue {
    /** Checks the range. */
    public U8 {
      if (value < 0 || value > 0xFF) {
        throw new IllegalArgumentException("u8 out of range: " + value);
      }
    }
  }

  /**
   * A signed 8-bit integer.
   *
   * @param value the integer
   */
  record I8(byte value) implements AldrinValue {}

  /**
   * An unsigned 16-bit integer.
   *
   * @param value 0 to 65535
   */
  record U16(int value) implements AldrinValue {
    /** Checks the range. */
    public U16 {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("u16 out of range: " + value);
      }
    }
  }

  /**
   * A signed 16-bit integer.
   *
   * @param value the integer
   */
  record I16(short value) implements AldrinValue {}

  /**
   * An unsigned 32-bit integer.
   *
   * @param value the integer's 32 bits; read with {@link Integer#toUnsignedLong(int)}
   */
  record U32(int value) implements AldrinValue {}

  /**
   * A signed 32-bit integer.
   *
   * @param value the integer
   */
  record I32(int value) implements AldrinValue {}

  /**
   * An unsigned 64-bit integer.
   *
   * @param value the integer's 64 bits; read with {@link Long#toUnsignedString(long)} and friends
   */
  record U64(long value) implements AldrinValue {}

  /**
   * A signed 64-bit integer.
   *
   * @param value the integer
   */
  record I64(long value) implements AldrinValue {}

  /**
   * A single-precision float, kept as bits.
   *
   * @param bits the IEEE 754 bit pattern
   */
  record F32(int bits) implements AldrinValue {
    /**
     * @param value a float
     * @return its value record, with the bits {@link Float#floatToRawIntBits(float)} gives
     */
    public static F32 of(float value) {
      return new F32(Float.floatToRawIntBits(value));
    }

    /** @return the float these bits encode */
    public float value() {
      return Float.intBitsToFloat(bits);
    }
  }

  /**
   * A double-precision float, kept as bits.
   *
   * @param bits the IEEE 754 bit pattern
   */
  record F64(long bits) implements AldrinValue {
    /**
     * @param value a double
     * @return its value record, with the bits {@link Double#doubleToRawLongBits(double)} gives
     */
    public static F64 of(double value) {
      return new F64(Double.doubleToRawLongBits(value));
    }

    /** @return the double these bits encode */
    public double value() {
      return Double.longBitsToDouble(bits);
    }
  }

  /**
   * A string.
   *
   * @param value the text (encoded as UTF-8 on the wire)
   */
  record StringValue(String value) implements AldrinValue {
    /** Rejects null. */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A UUID.
   *
   * @param value the UUID
   */
  record UuidValue(UUID value) implements AldrinValue {
    /** Rejects null. */
    public UuidValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An object id.
   *
   * @param value the id
   */
  record ObjectIdValue(ObjectId value) implements AldrinValue {
    /** Rejects null. */
    public ObjectIdValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A service id.
   *
   * @param value the id
   */
  record ServiceIdValue(ServiceId value) implements AldrinValue {
    /** Rejects null. */
    public ServiceIdValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A sequence of values of any kinds.
   *
   * @param elements the elements in order
   */
  record Vec(List<AldrinValue> elements) implements AldrinValue {
    /** Copies the list and rejects null elements. */
    public Vec {
      elements = List.copyOf(elements);
    }
  }

  /** A byte string. Holds a private copy of its bytes. */
  final class Bytes implements AldrinValue {
    private final byte[] data;

    /** @param data the bytes, copied */
    public Bytes(byte[] data) {
      this.data = data.clone();
    }

    /** @return a copy of the bytes */
    public byte[] data() {
      return data.clone();
    }

    /** @return the number of bytes */
    public int length() {
      return data.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "Bytes[" + HexFormat.of().formatHex(data) + "]";
    }
  }

  /**
   * One entry of a {@link MapValue}.
   *
   * @param key the key, a value record of the map's key type
   * @param value the value
   */
  record MapEntry(AldrinValue key, AldrinValue value) {
    /** Rejects nulls. */
    public MapEntry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A map. Keys are value records of the key type ({@link U8} for {@link KeyType#U8}, {@link
   * StringValue} for {@link KeyType#STRING}, {@link UuidValue} for {@link KeyType#UUID}, ...).
   *
   * @param keyType the type of every key
   * @param entries the entries in wire order
   */
  record MapValue(KeyType keyType, List<MapEntry> entries) implements AldrinValue {
    /** Copies the entries and checks that every key has the key type. */
    public MapValue {
      Objects.requireNonNull(keyType, "keyType");
      entries = List.copyOf(entries);
      for (MapEntry e : entries) {
        requireKey(keyType, e.key());
      }
    }
  }

  /**
   * A set.
   *
   * @param keyType the type of every element
   * @param elements the elements in wire order, value records of the key type
   */
  record SetValue(KeyType keyType, List<AldrinValue> elements) implements AldrinValue {
    /** Copies the elements and checks that each has the key type. */
    public SetValue {
      Objects.requireNonNull(keyType, "keyType");
      elements = List.copyOf(elements);
      for (AldrinValue e : elements) {
        requireKey(keyType, e);
      }
    }
  }

  /**
   * One field of a {@link Struct}.
   *
   * @param id the field id (unsigned 32-bit)
   * @param value the field's value
   */
  record Field(int id, AldrinValue value) {
    /** Rejects null. */
    public Field {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A struct: numbered fields.
   *
   * @param fields the fields in wire order
   */
  record Struct(List<Field> fields) implements AldrinValue {
    /** Copies the fields. */
    public Struct {
      fields = List.copyOf(fields);
    }
  }

  /**
   * An enum variant with its payload ({@link None} for a unit variant).
   *
   * @param variant the variant id (unsigned 32-bit)
   * @param value the payload
   */
  record EnumValue(int variant, AldrinValue value) implements AldrinValue {
    /** Rejects null. */
    public EnumValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The sending end of a channel.
   *
   * @param channelCookie the channel's cookie
   */
  record Sender(UUID channelCookie) implements AldrinValue {
    /** Rejects null. */
    public Sender {
      Objects.requireNonNull(channelCookie, "channelCookie");
    }
  }

  /**
   * The receiving end of a channel.
   *
   * @param channelCookie the channel's cookie
   */
  record Receiver(UUID channelCookie) implements AldrinValue {
    /** Rejects null. */
    public Receiver {
      Objects.requireNonNull(channelCookie, "channelCookie");
    }
  }

  /**
   * @param value a value
   * @return the key type whose keys are records like {@code value}, or {@code null} if such values
   *     cannot be keys
   */
  static KeyType keyTypeOf(AldrinValue value) {
    return switch (value) {
      case U8 k -> KeyType.U8;
      case I8 k -> KeyType.I8;
      case U16 k -> KeyType.U16;
      case I16 k -> KeyType.I16;
      case U32 k -> KeyType.U32;
      case I32 k -> KeyType.I32;
      case U64 k -> KeyType.U64;
      case I64 k -> KeyType.I64;
      case StringValue k -> KeyType.STRING;
      case UuidValue k -> KeyType.UUID;
      default -> null;
    };
  }

  private static void requireKey(KeyType keyType, AldrinValue key) {
    if (keyTypeOf(Objects.requireNonNull(key, "key")) != keyType) {
      throw new IllegalArgumentException("not a " + keyType + " key: " + key);
    }
  }
}

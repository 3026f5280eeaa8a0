package org.loombus.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack for plain Java values, so RPC users never touch msgpack's low-level API. Encodes
 * {@code null}, Boolean, Integer/Long/Short/Byte/BigInteger (smallest encoding), Float/Double,
 * String, byte[] (binary), {@link Map} (keys in iteration order) and {@link List}/arrays of these.
 * Decodes to the same types: integers as Long (BigInteger above Long.MAX_VALUE), floats as Double,
 * maps as insertion-ordered {@link LinkedHashMap}.
 */
public final class MsgPack {
  private MsgPack() {}

  /**
   * @param value a value of the supported types
   * @return its MessagePack encoding
   * @throws IllegalArgumentException for an unsupported type
   */
  public static byte[] encode(Object value) {
    try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
      pack(p, value);
      return p.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pack(MessagePacker p, Object v) throws IOException {
    switch (v) {
      case null -> p.packNil();
      case Boolean b -> p.packBoolean(b);
      case Integer i -> p.packInt(i);
      case Long l -> p.packLong(l);
      case Short s -> p.packShort(s);
      case Byte b -> p.packByte(b);
      case BigInteger b -> p.packBigInteger(b);
      case Float f -> p.packFloat(f);
      case Double d -> p.packDouble(d);
      case String s -> p.packString(s);
      case byte[] b -> p.packBinaryHeader(b.length).writePayload(b);
      case Map<?, ?> m -> {
        p.packMapHeader(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          pack(p, e.getKey());
          pack(p, e.getValue());
        }
      }
      case List<?> l -> {
        p.packArrayHeader(l.size());
        for (Object o : l) {
          pack(p, o);
        }
      }
      case Object[] a -> pack(p, List.of(a));
      default -> throw new IllegalArgumentException(
          "cannot encode " + v.getClass().getName() + " as MessagePack");
    }
  }

  /**
   * @param bytes exactly one MessagePack value
   * @return the decoded value
   * @throws IllegalArgumentException if the bytes are not exactly one valid value
   */
  public static Object decode(byte[] bytes) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
      if (!u.hasNext()) {
        throw new IllegalArgumentException("no MessagePack value");
      }
      Object v = unpack(u);
      if (u.hasNext()) {
        throw new IllegalArgumentException("trailing bytes after the MessagePack value");
      }
      return v;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("invalid MessagePack: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a MessagePack map with string keys.
   *
   * @param bytes the encoding
   * @return the map
   * @throws IllegalArgumentException if it is not a map
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> decodeMap(byte[] bytes) {
    Object v = decode(bytes);
    if (!(v instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a MessagePack map");
    }
    return (Map<String, Object>) v;
  }

  private static Object unpack(MessageUnpacker u) throws IOException {
    ValueType t = u.getNextFormat().getValueType();
    return switch (t) {
      case NIL -> {
        u.unpackNil();
        yield null;
      }
      case BOOLEAN -> u.unpackBoolean();
      case INTEGER -> {
        BigInteger b = u.unpackBigInteger();
        yield b.bitLength() < 64 ? (Object) b.longValue() : b;
      }
      case FLOAT -> u.unpackDouble();
      case STRING -> u.unpackString();
      case BINARY -> u.readPayload(u.unpackBinaryHeader());
      case ARRAY -> {
        int n = u.unpackArrayHeader();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(unpack(u));
        }
        yield l;
      }
      case MAP -> {
        int n = u.unpackMapHeader();
        Map<Object, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
          Object k = unpack(u);
          m.put(k, unpack(u));
        }
        yield m;
      }
      case EXTENSION -> {
        var h = u.unpackExtensionTypeHeader();
        yield u.readPayload(h.getLength());
      }
    };
  }
}

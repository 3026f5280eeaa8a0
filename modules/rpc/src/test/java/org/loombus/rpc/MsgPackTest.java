package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loombus.rpc.RpcPayloadTest.hex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MessagePack for plain Java values: exact encodings and round trips. */
class MsgPackTest {

  @Test
  void integersUseTheSmallestEncoding() {
    Object[][] cases = {
        {0, "00"}, {127, "7F"}, {128L, "CC 80"}, {255, "CC FF"}, {256, "CD 01 00"},
        {65535L, "CD FF FF"}, {65536, "CE 00 01 00 00"},
        {4294967296L, "CF 00 00 00 01 00 00 00 00"},
        {-1, "FF"}, {-32L, "E0"}, {-33, "D0 DF"}, {-129L, "D1 FF 7F"},
        {(short) 300, "CD 01 2C"}, {(byte) -5, "FB"},
        {Long.MIN_VALUE, "D3 80 00 00 00 00 00 00 00"},
        {new BigInteger("18446744073709551615"), "CF FF FF FF FF FF FF FF FF"}};
    for (Object[] c : cases) {
      byte[] wire = MsgPack.encode(c[0]);
      assertArrayEquals(hex((String) c[1]), wire, c[0] + " " + c[0].getClass().getSimpleName());
      Object back = MsgPack.decode(wire);
      if (c[0] instanceof BigInteger) {
        assertEquals(c[0], back);
      } else {
        assertEquals(((Number) c[0]).longValue(), assertInstanceOf(Long.class, back));
      }
    }
  }

  @Test
  void stringsBinaryAndScalars() {
    assertArrayEquals(hex("A3 61 62 63"), MsgPack.encode("abc"));
    assertArrayEquals(hex("A2 C3 A9"), MsgPack.encode("é"));
    byte[] str32 = MsgPack.encode("x".repeat(32));
    assertArrayEquals(hex("D9 20"), Arrays.copyOf(str32, 2));
    byte[] str256 = MsgPack.encode("y".repeat(256));
    assertArrayEquals(hex("DA 01 00"), Arrays.copyOf(str256, 3));
    assertEquals("y".repeat(256), MsgPack.decode(str256));
    assertArrayEquals(hex("C4 03 00 FF 7F"), MsgPack.encode(hex("00 FF 7F")));
    assertArrayEquals(hex("00 FF 7F"), (byte[]) MsgPack.decode(hex("C4 03 00 FF 7F")));
    assertArrayEquals(hex("C0"), MsgPack.encode(null));
    assertNull(MsgPack.decode(hex("C0")));
    assertEquals(true, MsgPack.decode(MsgPack.encode(true)));
    assertEquals(false, MsgPack.decode(MsgPack.encode(false)));
    assertEquals(1.5, MsgPack.decode(MsgPack.encode(1.5)));
    assertEquals(2.5, MsgPack.decode(MsgPack.encode(2.5f)), "floats decode as Double");
    assertArrayEquals(hex("81 A2 6F 6B C3"), MsgPack.encode(Map.of("ok", true)));
  }

  @Test
  void mapsKeepTheirKeyOrderAndNestedValuesRoundTrip() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", hex("01 02"));
    inner.put("a", List.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeta", "ζ");
    m.put("alpha", 1);
    m.put("nested", List.of(1, List.of("a", Arrays.asList(true, null)), inner));
    m.put("array", new Object[] {2.0, "b"});
    m.put("empty", Map.of());

    Map<String, Object> back = MsgPack.decodeMap(MsgPack.encode(m));
    assertEquals(List.of("zeta", "alpha", "nested", "array", "empty"),
        new ArrayList<>(back.keySet()));
    assertEquals("ζ", back.get("zeta"));
    assertEquals(1L, back.get("alpha"));
    List<?> nested = (List<?>) back.get("nested");
    assertEquals(1L, nested.get(0));
    assertEquals(List.of("a", Arrays.asList(true, null)), nested.get(1));
    Map<?, ?> innerBack = (Map<?, ?>) nested.get(2);
    assertEquals(List.of("z", "a"), new ArrayList<>(innerBack.keySet()));
    assertArrayEquals(hex("01 02"), (byte[]) innerBack.get("z"));
    assertEquals(List.of(), innerBack.get("a"));
    assertEquals(List.of(2.0, "b"), back.get("array"));
    assertEquals(Map.of(), back.get("empty"));
  }

  @Test
  void rejectsWhatIsNotExactlyOneValue() {
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("01 02")));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("C1")));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("92 01")));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decode(hex("A3 61")));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.decodeMap(hex("90")));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.encode(new Object()));
    assertThrows(IllegalArgumentException.class, () -> MsgPack.encode(List.of(new Object())));
  }
}

package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyValueParamsTest {
  @Test
  @DisplayName("values are typed as the reference tools type them, keys keep their order")
  void typing() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("b", true);
    expected.put("f", false);
    expected.put("i", -42L);
    expected.put("x", 1.5);
    expected.put("e", 2e3);
    expected.put("s", "hello");
    expected.put("v", "1.2.3");
    expected.put("empty", "");
    assertEquals(expected, KeyValueParams.parse(
        List.of("b=true", "f=false", "i=-42", "x=1.5", "e=2e3", "s=hello", "v=1.2.3", "empty=")));
    assertEquals("81a17801", java.util.HexFormat.of().formatHex(
        MsgPack.encode(KeyValueParams.parse(List.of("x=1")))));
  }

  @Test
  @DisplayName("a word without = is an error naming it")
  void notKeyValue() {
    assertEquals("'oops' is not key=value", assertThrows(IllegalArgumentException.class,
        () -> KeyValueParams.parse(List.of("a=1", "oops"))).getMessage());
  }
}

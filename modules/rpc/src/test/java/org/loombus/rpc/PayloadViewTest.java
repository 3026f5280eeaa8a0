package org.loombus.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How payloads read (text, MessagePack, binary) and the JSON they are shown with, exactly. */
class PayloadViewTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void textWinsThenMessagePackThenBinary() {
    assertEquals(new PayloadView.Text("hello, wörld\t!"),
        PayloadView.of("hello, wörld\t!".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals(new PayloadView.Text(""), PayloadView.of(new byte[0]));
    // {"a": 1}: the 01 below TAB makes it no text
    assertEquals(new PayloadView.MsgPackValue(Map.of("a", 1L)),
        PayloadView.of(bytes(0x81, 0xA1, 'a', 0x01)));
    // a lone continuation byte is neither UTF-8 nor one MessagePack value followed by nothing
    PayloadView v = PayloadView.of(bytes(0x00, 0xC1, 0xFF));
    assertEquals("00c1ff", ((PayloadView.Binary) v).hex(256));
    byte[] long300 = new byte[300];
    Arrays.fill(long300, (byte) 0xC1);
    assertEquals("c1".repeat(4) + "…", ((PayloadView.Binary) PayloadView.of(long300)).hex(4));
  }

  @Test
  void jsonCompactAndSpaced() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "q\"b\\n\n\u0001\u2028");
    m.put("n", List.of(1L, -2.5, Double.NaN, Double.POSITIVE_INFINITY));
    m.put("b", bytes(0xDE, 0xAD));
    m.put("t", true);
    m.put("z", null);
    assertEquals("{\"s\":\"q\\\"b\\\\n\\n\\u0001\\u2028\",\"n\":[1,-2.5,null,null],"
        + "\"b\":\"dead\",\"t\":true,\"z\":null}", Json.compact(m));
    Map<String, Object> spaced = new LinkedHashMap<>();
    spaced.put("a", List.of(1, 2));
    spaced.put("b", Map.of());
    assertEquals("{\"a\": [1, 2], \"b\": {}}", Json.spaced(spaced));
  }
}

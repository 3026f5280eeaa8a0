package org.loombus.federation.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordsTest {
  private static byte[] record(byte kind, boolean rt, long token, String sender, String address,
      String receiver, byte[] src, int off, int len) {
    byte[] s = sender == null ? null : sender.getBytes(UTF_8);
    byte[] a = address == null ? null : address.getBytes(UTF_8);
    byte[] r = receiver == null ? null : receiver.getBytes(UTF_8);
    ByteBuffer b = ByteBuffer.allocate(Records.size(kind, s, a, r, len));
    Records.put(b, kind, rt, token, s, a, r, src, off, len);
    assertFalse(b.hasRemaining(), "size() is what put() writes");
    return b.array();
  }

  private static byte[] message(byte[]... records) {
    byte[] origin = "hostA".getBytes(UTF_8);
    int size = Records.envelopeSize(origin);
    for (byte[] r : records) {
      size += r.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    Records.envelope(b, origin, 42, 7);
    for (byte[] r : records) {
      b.put(r);
    }
    return b.array();
  }

  @Test
  void aBatchOfRecordsDecodesInPlace() throws Exception {
    byte[] payload = {9, 0, 8};
    byte[] data = message(
        record(Records.ACKED, true, 0x1122334455L, "cli.a", "svc.b", null, payload, 0, 3),
        record(Records.PUBLISH_FOR, false, 0, "cli.a", "a//c", "rcv", payload, 1, 2),
        record(Records.ANSWER, false, 99, null, null, null, null, 0, 0x77));
    Records.Reader r = new Records.Reader(data);
    assertEquals("hostA", r.origin);
    assertEquals(42, r.boot);
    assertEquals(7, r.seq);
    assertTrue(r.next());
    assertEquals(Records.ACKED, r.kind);
    assertTrue(r.realtime);
    assertEquals(0x1122334455L, r.token);
    assertArrayEquals("cli.a".getBytes(UTF_8), r.sender());
    assertEquals("svc.b", r.address());
    assertArrayEquals(payload, Arrays.copyOfRange(data, r.payloadOff, r.payloadOff + r.payloadLen));
    assertTrue(r.next());
    assertEquals(Records.PUBLISH_FOR, r.kind);
    assertFalse(r.realtime);
    assertEquals("a//c", r.address());
    assertEquals("rcv", r.receiver());
    assertArrayEquals(new byte[] {0, 8},
        Arrays.copyOfRange(data, r.payloadOff, r.payloadOff + r.payloadLen));
    assertTrue(r.next());
    assertEquals(Records.ANSWER, r.kind);
    assertEquals(99, r.token);
    assertEquals(0x77, r.code);
    assertFalse(r.next());
  }

  @Test
  void brokenMessagesAreRefusedNotMisread() throws Exception {
    byte[] good = message(record(Records.MESSAGE, false, 0, "a", "b", null, new byte[10], 0, 10));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(Records.MalformedException.class, () -> {
        Records.Reader r = new Records.Reader(truncated);
        while (r.next()) {
          // every prefix lacks something
        }
        if (truncated.length < good.length) {
          throw new Records.MalformedException("nothing was missing");
        }
      }, "cut at " + cut);
    }
    byte[] badVersion = good.clone();
    badVersion[0] = 9;
    assertThrows(Records.MalformedException.class, () -> new Records.Reader(badVersion));
    byte[] badKind = good.clone();
    badKind[Records.envelopeSize("hostA".getBytes(UTF_8))] = 77;
    assertThrows(Records.MalformedException.class, () -> new Records.Reader(badKind).next());
  }
}

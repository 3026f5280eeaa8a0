package org.loombus.broker.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Payloads of the broker's announcements (docs/protocol.md §5.6): the MessagePack map
 * {@code {"s": subject, "d": data, "t": u64 ns}}, {@code d} omitted when absent. Three fixed keys
 * do not justify a MessagePack dependency in the broker, so the bytes are written here.
 */
final class Announcements {
  /** Topic of registration events. */
  static final String INFO_TOPIC = ".broker/info";

  private Announcements() {}

  static byte[] event(String subject, String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + (data == null ? 0 : data.length()));
    out.write(data == null ? 0x82 : 0x83);
    str(out, "s");
    str(out, subject);
    if (data != null) {
      str(out, "d");
      str(out, data);
    }
    str(out, "t");
    out.write(0xCF);
    Instant now = Instant.now();
    long ns = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (ns >>> shift));
    }
    return out.toByteArray();
  }

  private static void str(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    if (n < 32) {
      out.write(0xA0 | n);
    } else if (n < 256) {
      out.write(0xD9);
      out.write(n);
    } else if (n < 65536) {
      out.write(0xDA);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0xDB);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write(n >>> shift);
      }
    }
    out.write(b, 0, n);
  }
}

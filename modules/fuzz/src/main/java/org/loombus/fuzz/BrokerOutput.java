package org.loombus.fuzz;

import java.util.HexFormat;
import java.util.Set;

/**
 * What a broker may write to a client, whatever the client sent (docs/protocol.md §1.2, §2.5,
 * checklist C43): the greeting {@code EB 01 00}; the greeting's status ({@code 01}, or {@code 75}
 * and nothing more); the registration status ({@code 01}, or a refusal and nothing more); then
 * whole frames of kinds {@code 00 01 12 13 FE} only, with NOPs and ACKs exactly 6 bytes. The
 * transport records each write whole and the broker writes whole frames per write, so the stream
 * ends at a frame boundary.
 */
final class BrokerOutput {
  private static final Set<Integer> REFUSALS = Set.of(0x71, 0x72, 0x75, 0x76, 0x79);
  // 72: a subscribed or excluded mask beyond the length or depth limit (docs/robustness.md).
  private static final Set<Integer> ACK_CODES = Set.of(0x01, 0x71, 0x72, 0x77, 0x79);

  private BrokerOutput() {}

  /**
   * @param out everything the broker wrote
   * @throws AssertionError naming the first byte that breaks the rules
   */
  static void check(byte[] out) {
    if (out.length < 3 || (out[0] & 0xFF) != 0xEB || out[1] != 1 || out[2] != 0) {
      throw fail(out, 0, "the greeting EB 01 00 must come first");
    }
    if (out.length == 3) {
      return;
    }
    int greetingStatus = out[3] & 0xFF;
    if (greetingStatus == 0x75) {
      end(out, 4, "after refusing the greeting");
      return;
    }
    if (greetingStatus != 0x01) {
      throw fail(out, 3, "the greeting's status must be 01 or 75");
    }
    if (out.length == 4) {
      return;
    }
    int registration = out[4] & 0xFF;
    if (REFUSALS.contains(registration)) {
      end(out, 5, "after refusing the registration");
      return;
    }
    if (registration != 0x01) {
      throw fail(out, 4, "the registration status must be 01 or a refusal code");
    }
    frames(out, 5);
  }

  private static void frames(byte[] out, int at) {
    while (at < out.length) {
      if (out.length - at < 6) {
        throw fail(out, at, "a frame header must be 6 bytes");
      }
      int kind = out[at] & 0xFF;
      switch (kind) {
        case 0x00 -> {
          for (int i = 1; i < 6; i++) {
            if (out[at + i] != 0) {
              throw fail(out, at, "a NOP must be six 00 bytes");
            }
          }
          at += 6;
        }
        case 0xFE -> {
          if (!ACK_CODES.contains(out[at + 5] & 0xFF)) {
            throw fail(out, at, "an ACK code must be 01, 71, 72, 77 or 79");
          }
          at += 6;
        }
        case 0x01, 0x12, 0x13 -> at = dataFrame(out, at, kind);
        default -> throw fail(out, at, "frame kind must be 00, 01, 12, 13 or FE");
      }
    }
  }

  /** @return the offset after the frame, whose body holds the sender (and topic) before 00 */
  private static int dataFrame(byte[] out, int at, int kind) {
    long len = (out[at + 1] & 0xFFL) | (out[at + 2] & 0xFFL) << 8 | (out[at + 3] & 0xFFL) << 16
        | (out[at + 4] & 0xFFL) << 24;
    if ((out[at + 5] & 0xFF) > 1) {
      throw fail(out, at, "the real-time byte must be 00 or 01");
    }
    long end = at + 6 + len;
    if (end > out.length) {
      throw fail(out, at, "the frame body is cut short");
    }
    int zeros = kind == 0x01 ? 2 : 1;
    for (int i = at + 6; i < end && zeros > 0; i++) {
      if (out[i] == 0) {
        zeros--;
      }
    }
    if (zeros > 0) {
      throw fail(out, at, "the body must hold the sender" + (kind == 0x01 ? " and topic" : "")
          + " each ended by 00");
    }
    return (int) end;
  }

  private static void end(byte[] out, int at, String when) {
    if (out.length > at) {
      throw fail(out, at, "nothing may follow " + when);
    }
  }

  private static AssertionError fail(byte[] out, int at, String rule) {
    int to = Math.min(out.length, at + 16);
    return new AssertionError(rule + "; at byte " + at + " of " + out.length + ": "
        + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(out, at, to));
  }
}

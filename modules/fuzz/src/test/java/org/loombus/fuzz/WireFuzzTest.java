package org.loombus.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.loombus.protocol.wire.Handshake;

/**
 * Coverage-guided fuzz tests of the broker's handshake and frame decoder (Jazzer). By default they
 * run in regression mode: every input under {@code WireFuzzTestInputs/<method>/} in the test
 * resources (the seed corpus, and any finding moved there) is served once. With the {@code soak}
 * profile Jazzer fuzzes one method for a set time (see docs/robustness.md).
 *
 * <p>Input format: the first byte sets how the stream is split into reads ({@link #chunk}); the
 * rest is what the client sends.
 */
class WireFuzzTest {
  private static ConnectionHarness harness;

  @BeforeAll
  static void startBroker() {
    harness = ConnectionHarness.start();
  }

  @AfterAll
  static void stopBroker() {
    harness.close();
  }

  /** The handshake state machine: the stream starts where the client's first byte would. */
  @FuzzTest
  void handshake(byte[] input) {
    harness.serve(stream(input), chunk(input));
  }

  /**
   * The frame decoder: the stream follows a valid registration, as {@code fz.c}, or as
   * {@code r.c} under restrictive rules when the first byte's top bit is set.
   */
  @FuzzTest
  void frames(byte[] input) {
    String name = input.length > 0 && input[0] < 0 ? "r.c" : "fz.c";
    byte[] registration = concat(Handshake.greeting(), Handshake.encodeName(name));
    harness.serve(concat(registration, stream(input)), chunk(input));
  }

  /** Most bytes per read: the first byte's low 7 bits, 0 meaning the whole stream at once. */
  private static int chunk(byte[] input) {
    return input.length == 0 ? 0 : input[0] & 0x7F;
  }

  private static byte[] stream(byte[] input) {
    return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}

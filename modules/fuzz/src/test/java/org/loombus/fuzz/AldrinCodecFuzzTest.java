package org.loombus.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.AldrinValue.Field;
import org.loombus.aldrin.protocol.AldrinValue.MapEntry;
import org.loombus.aldrin.protocol.CallFunction;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.EmitEvent;
import org.loombus.aldrin.protocol.KeyType;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * Fuzz tests of the Aldrin codec's decoders ({@link AldrinCodecChecks} says what must hold). The
 * first input byte picks the sender's epoch (bit 0) and the rules (bit 1: {@link
 * DecodeRules#STRICT} or {@link DecodeRules#ALDRIN_COMPATIBLE}); the rest is a frame or a value.
 * In the default run the Jazzer targets replay their inputs, and {@link #mutatedSeeds} runs the
 * same checks over a fixed, seeded set of mutations of valid frames and values; with the {@code
 * soak} profile Jazzer fuzzes each target for a set time (docs/robustness.md).
 */
class AldrinCodecFuzzTest {
  private static final int MUTATIONS_PER_SEED = 2_000;

  /** One frame, as a client would send it. */
  @FuzzTest
  void aldrinMessages(byte[] input) {
    AldrinCodecChecks.message(rest(input), epoch(input), rules(input));
  }

  /** One value, as it would arrive in a message's value slot. */
  @FuzzTest
  void aldrinValues(byte[] input) {
    AldrinCodecChecks.value(rest(input), epoch(input), rules(input));
  }

  @Test
  @DisplayName("mutated Aldrin frames and values are refused or survive re-encoding and forwarding")
  void mutatedSeeds() {
    SplittableRandom random = new SplittableRandom(20261203);
    List<byte[]> values = seedValues();
    List<byte[]> frames = seedFrames(values);
    int acceptedValues = 0;
    for (byte[] seed : values) {
      for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
        byte[] input = mutate(seed, random);
        acceptedValues += AldrinCodecChecks.value(rest(input), epoch(input), rules(input)) ? 1 : 0;
      }
    }
    int acceptedFrames = 0;
    for (byte[] seed : frames) {
      for (int i = 0; i < MUTATIONS_PER_SEED; i++) {
        byte[] input = mutate(seed, random);
        acceptedFrames += AldrinCodecChecks.message(rest(input), epoch(input), rules(input)) ? 1
            : 0;
      }
    }
    // Both paths must be exercised: some mutations are still valid, most are not.
    int valueInputs = values.size() * MUTATIONS_PER_SEED;
    int frameInputs = frames.size() * MUTATIONS_PER_SEED;
    assertTrue(acceptedValues > 0 && acceptedValues < valueInputs, acceptedValues + " accepted");
    assertTrue(acceptedFrames > 0 && acceptedFrames < frameInputs, acceptedFrames + " accepted");
    System.out.printf("Aldrin codec: %d of %d mutated values and %d of %d mutated frames accepted%n",
        acceptedValues, valueInputs, acceptedFrames, frameInputs);
  }

  /** A control byte, then the seed with one to four bytes changed, inserted or removed. */
  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    byte[] b = Arrays.copyOf(seed, seed.length);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && b.length > 1; e++) {
      int at = 1 + random.nextInt(b.length - 1);
      switch (random.nextInt(4)) {
        case 0 -> b[at] = (byte) random.nextInt(256);
        case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
        default -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
        }
      }
    }
    b[0] = (byte) random.nextInt(4);
    return b;
  }

  /** Every kind of value, nested, in both epochs: a control byte, then the encoded value. */
  private static List<byte[]> seedValues() {
    UUID id = UUID.fromString("89e62438-2991-48f8-ae1d-7ad9ddcd7e72");
    AldrinValue nested = new AldrinValue.Struct(List.of(
        new Field(0, new AldrinValue.StringValue("grüße")),
        new Field(3, new AldrinValue.Vec(List.of(new AldrinValue.U8(7),
            new AldrinValue.Some(new AldrinValue.I64(-5)), new AldrinValue.None()))),
        new Field(9, new AldrinValue.MapValue(KeyType.STRING, List.of(
            new MapEntry(new AldrinValue.StringValue("k"), new AldrinValue.Bool(true))))),
        new Field(12, new AldrinValue.SetValue(KeyType.U32, List.of(new AldrinValue.U32(1),
            new AldrinValue.U32(300)))),
        new Field(13, new AldrinValue.EnumValue(2, new AldrinValue.UuidValue(id))),
        new Field(14, new AldrinValue.Bytes("raw".getBytes(UTF_8))),
        new Field(15, AldrinValue.F64.of(Double.NaN))));
    List<byte[]> seeds = new ArrayList<>();
    for (AldrinValue v : List.of(nested, new AldrinValue.None(), new AldrinValue.U16(65535))) {
      for (ValueEpoch epoch : ValueEpoch.values()) {
        seeds.add(withControl(epoch, ValueCodec.encode(v, epoch).toByteArray()));
      }
    }
    return seeds;
  }

  /** Messages with and without values, each value seed in a call and an event. */
  private static List<byte[]> seedFrames(List<byte[]> values) {
    UUID cookie = UUID.fromString("b7f4930e-a673-4b3d-9545-7887fa8bde3f");
    List<byte[]> frames = new ArrayList<>(List.of(
        withControl(ValueEpoch.V2, MessageCodec.encode(new Sync(9))),
        withControl(ValueEpoch.V2, MessageCodec.encode(new CreateObject(1, cookie)))));
    for (byte[] seed : values) {
      ValueEpoch epoch = ValueEpoch.values()[seed[0] & 1];
      RawValue value;
      try {
        value = ValueCodec.validate(rest(seed), epoch, DecodeRules.STRICT);
      } catch (Exception e) {
        throw new AssertionError("a seed value is invalid", e);
      }
      frames.add(withControl(epoch, MessageCodec.encode(new CallFunction(3, cookie, 4, value))));
      frames.add(withControl(epoch, MessageCodec.encode(new EmitEvent(cookie, 2, value))));
      frames.add(withControl(epoch, MessageCodec.encode(new Connect2(1, 20, value))));
    }
    return frames;
  }

  private static byte[] withControl(ValueEpoch epoch, byte[] body) {
    byte[] b = new byte[body.length + 1];
    b[0] = (byte) epoch.ordinal();
    System.arraycopy(body, 0, b, 1, body.length);
    return b;
  }

  private static ValueEpoch epoch(byte[] input) {
    return input.length > 0 && (input[0] & 1) != 0 ? ValueEpoch.V2 : ValueEpoch.V1;
  }

  private static DecodeRules rules(byte[] input) {
    return input.length > 0 && (input[0] & 2) != 0 ? DecodeRules.ALDRIN_COMPATIBLE
        : DecodeRules.STRICT;
  }

  private static byte[] rest(byte[] input) {
    return input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
  }
}

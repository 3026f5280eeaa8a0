package org.loombus.aldrin.protocol;

import java.util.Arrays;
import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ValueParser;
import org.loombus.aldrin.protocol.internal.ValueWriter;

/**
 * Validation, decoding, encoding and epoch conversion of Aldrin values.
 *
 * <p>A broker validates every value at ingress with {@link #validate} in the sender's epoch and
 * forwards the resulting {@link RawValue}; only a receiver on protocol 1.19 or older gets a
 * converted copy, and only if the value uses epoch-2 kinds ({@link #convert}).
 */
public final class ValueCodec {
  // Re-reading bytes that already passed validation: any depth and form they were accepted with.
  private static final DecodeRules REREAD = new DecodeRules(DecodeRules.DEPTH_CEILING, false);

  private ValueCodec() {}

  /**
   * @param encoded exactly one encoded value (copied)
   * @param epoch the sender's epoch; kinds it lacks are rejected
   * @param rules depth limit and canonical-form requirement
   * @return the validated value
   * @throws AldrinDecodeException if the bytes are not exactly one valid value
   */
  public static RawValue validate(byte[] encoded, ValueEpoch epoch, DecodeRules rules)
      throws AldrinDecodeException {
    return validate(encoded, 0, encoded.length, epoch, rules);
  }

  /**
   * @param b array holding the value
   * @param off first byte
   * @param len length the value must fill exactly
   * @param epoch the sender's epoch; kinds it lacks are rejected
   * @param rules depth limit and canonical-form requirement
   * @return the validated value, with a private copy of the bytes
   * @throws AldrinDecodeException if the bytes are not exactly one valid value
   */
  public static RawValue validate(
      byte[] b, int off, int len, ValueEpoch epoch, DecodeRules rules)
      throws AldrinDecodeException {
    ValueParser.Result r = ValueParser.parse(b, off, len, epoch, rules, false);
    return new RawValue(Arrays.copyOfRange(b, off, off + len), r.requiredEpoch());
  }

  /**
   * @param encoded exactly one encoded value
   * @param epoch the sender's epoch; kinds it lacks are rejected
   * @param rules depth limit and canonical-form requirement
   * @return the decoded tree
   * @throws AldrinDecodeException if the bytes are not exactly one valid value
   */
  public static AldrinValue decode(byte[] encoded, ValueEpoch epoch, DecodeRules rules)
      throws AldrinDecodeException {
    return ValueParser.parse(encoded, 0, encoded.length, epoch, rules, true).value();
  }

  /**
   * @param value a validated value
   * @return its tree
   */
  public static AldrinValue decode(RawValue value) {
    try {
      return ValueParser.parse(value.bytes(), 0, value.length(), ValueEpoch.V2, REREAD, true)
          .value();
    } catch (AldrinDecodeException e) {
      throw new IllegalStateException("a validated value failed to decode", e);
    }
  }

  /**
   * Encodes a tree the way Aldrin's encoder writes its generic value type in that epoch.
   *
   * @param value the tree
   * @param epoch the receiver's epoch, which picks counted or streamed containers
   * @return the encoded value
   * @throws IllegalArgumentException if the tree nests deeper than Aldrin's limit of {@value
   *     DecodeRules#ALDRIN_MAX_VALUE_DEPTH}, or holds a string with a lone surrogate
   */
  public static RawValue encode(AldrinValue value, ValueEpoch epoch) {
    ByteSink out = new ByteSink();
    ValueEpoch required =
        ValueWriter.write(out, value, epoch, DecodeRules.ALDRIN_MAX_VALUE_DEPTH);
    return new RawValue(out.toByteArray(), required);
  }

  /**
   * Converts a value for a receiver of an older epoch, as Aldrin's broker does: streamed
   * containers become counted ones, everything else is kept (varints come out canonical). Values
   * only go down: a receiver of epoch 2 reads both forms, so nothing is converted for it.
   *
   * @param value a validated value
   * @param target the receiver's epoch
   * @return {@code value} itself if the receiver can read it, else the converted value
   */
  public static RawValue convert(RawValue value, ValueEpoch target) {
    if (value.requiredEpoch().compareTo(target) <= 0) {
      return value;
    }
    // Conversion never adds depth, so a value accepted under a larger limit stays convertible.
    ByteSink out = new ByteSink(value.length());
    ValueEpoch required = ValueWriter.write(out, decode(value), target, DecodeRules.DEPTH_CEILING);
    return new RawValue(out.toByteArray(), required);
  }
}

package org.loombus.aldrin.protocol;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An encoded value that has passed validation, kept as its bytes so that a broker can forward it
 * without decoding and re-encoding. Instances only come from {@link ValueCodec} (or the message
 * decoder), so holding one means the bytes are exactly one well-formed value. Immutable.
 */
public final class RawValue {
  /** The value {@code None}: the single byte 0. */
  public static final RawValue NONE = new RawValue(new byte[] {0}, ValueEpoch.V1);

  private static final int SHOWN_BYTES = 32;

  private final byte[] bytes;
  private final ValueEpoch requiredEpoch;

  // Takes ownership of the array; callers must not keep a reference.
  RawValue(byte[] bytes, ValueEpoch requiredEpoch) {
    this.bytes = bytes;
    this.requiredEpoch = requiredEpoch;
  }

  /** @return the encoded length in bytes (at least 1) */
  public int length() {
    return bytes.length;
  }

  /** @return a copy of the encoded bytes */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /**
   * @return {@link ValueEpoch#V2} if the value uses a kind only epoch 2 has, so that a receiver of
   *     protocol 1.19 or older needs a converted copy; else {@link ValueEpoch#V1}
   */
  public ValueEpoch requiredEpoch() {
    return requiredEpoch;
  }

  /**
   * @param epoch a receiver's epoch
   * @return this value if the receiver can read it as it is, else a copy converted to its forms
   */
  public RawValue forEpoch(ValueEpoch epoch) {
    return ValueCodec.convert(this, epoch);
  }

  // Shared, for writers in this package that copy the bytes into a frame.
  byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawValue r && Arrays.equals(bytes, r.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** @return the first bytes in hex, for logs */
  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
    String more = bytes.length > SHOWN_BYTES ? "... (" + bytes.length + " bytes)" : "";
    return "RawValue[" + hex + more + "]";
  }
}

package org.loombus.aldrin.protocol.internal;

import java.util.UUID;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.DecodeProblem;

/**
 * A cursor over a slice of a byte array that reads Aldrin's primitive encodings and refuses to
 * read past the slice. Offsets in errors are positions in the whole array, so that they point into
 * the frame the caller holds. Not thread-safe.
 */
public final class ByteSource {
  private final byte[] b;
  private final int end;
  private final boolean canonical;
  private int pos;

  /**
   * @param b the array
   * @param off first readable byte
   * @param len number of readable bytes
   * @param canonical whether varints must be in their shortest form
   */
  public ByteSource(byte[] b, int off, int len, boolean canonical) {
    if (off < 0 || len < 0 || off > b.length - len) {
      throw new IndexOutOfBoundsException("slice " + off + "+" + len + " of " + b.length);
    }
    this.b = b;
    this.pos = off;
    this.end = off + len;
    this.canonical = canonical;
  }

  /** @return the position of the next byte in the array */
  public int position() {
    return pos;
  }

  /** @return bytes left in the slice */
  public int remaining() {
    return end - pos;
  }

  /** @return the underlying array (for slicing out raw ranges) */
  public byte[] array() {
    return b;
  }

  /** @return whether varints must be canonical */
  public boolean canonical() {
    return canonical;
  }

  /**
   * @param what the field being read, for the error message
   * @return the next byte, 0 to 255
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} at the end of the slice
   */
  public int u8(String what) throws AldrinDecodeException {
    require(1, what);
    return b[pos++] & 0xFF;
  }

  /**
   * Skips {@code n} bytes after checking they are there.
   *
   * @param n byte count, unsigned
   * @param what the field, for the error message
   * @return the position of the first skipped byte
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} if fewer remain
   */
  public int skip(long n, String what) throws AldrinDecodeException {
    if (n < 0 || n > remaining()) {
      throw new AldrinDecodeException(
          DecodeProblem.TRUNCATED,
          pos,
          what + " needs " + Long.toUnsignedString(n) + " bytes, " + remaining() + " remain");
    }
    int start = pos;
    pos += (int) n;
    return start;
  }

  /**
   * @param what the field, for the error message
   * @return the next 4 bytes as a little-endian u32
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} if fewer remain
   */
  public int u32le(String what) throws AldrinDecodeException {
    require(4, what);
    int v =
        (b[pos] & 0xFF)
            | (b[pos + 1] & 0xFF) << 8
            | (b[pos + 2] & 0xFF) << 16
            | (b[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  /**
   * @param what the field, for the error message
   * @return the next 8 bytes as a little-endian u64
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} if fewer remain
   */
  public long u64le(String what) throws AldrinDecodeException {
    require(8, what);
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  /**
   * @param what the field, for the error message
   * @return the next 16 bytes as a UUID, most significant byte first
   * @throws AldrinDecodeException {@link DecodeProblem#TRUNCATED} if fewer remain
   */
  public UUID uuid(String what) throws AldrinDecodeException {
    require(16, what);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = msb << 8 | (b[pos + i] & 0xFF);
      lsb = lsb << 8 | (b[pos + 8 + i] & 0xFF);
    }
    pos += 16;
    return new UUID(msb, lsb);
  }

  /**
   * @param what the field, for the error message
   * @return an unsigned 16-bit varint, 0 to 65535
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public int varU16(String what) throws AldrinDecodeException {
    return (int) varint(2, what);
  }

  /**
   * @param what the field, for the error message
   * @return an unsigned 32-bit varint, as 32 bits in an int
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public int varU32(String what) throws AldrinDecodeException {
    return (int) varint(4, what);
  }

  /**
   * @param what the field, for the error message
   * @return an unsigned 64-bit varint, as 64 bits in a long
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public long varU64(String what) throws AldrinDecodeException {
    return varint(8, what);
  }

  /**
   * @param what the field, for the error message
   * @return a signed 16-bit zigzag varint
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public short varI16(String what) throws AldrinDecodeException {
    return VarintCodec.unzigzag16(varU16(what));
  }

  /**
   * @param what the field, for the error message
   * @return a signed 32-bit zigzag varint
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public int varI32(String what) throws AldrinDecodeException {
    return VarintCodec.unzigzag32(varU32(what));
  }

  /**
   * @param what the field, for the error message
   * @return a signed 64-bit zigzag varint
   * @throws AldrinDecodeException if truncated or, when canonical, overlong
   */
  public long varI64(String what) throws AldrinDecodeException {
    return VarintCodec.unzigzag64(varU64(what));
  }

  /**
   * @param what the message or value being finished, for the error message
   * @throws AldrinDecodeException {@link DecodeProblem#TRAILING_BYTES} unless the slice is used up
   */
  public void expectEnd(String what) throws AldrinDecodeException {
    if (pos != end) {
      throw new AldrinDecodeException(
          DecodeProblem.TRAILING_BYTES, pos, (end - pos) + " bytes after the end of " + what);
    }
  }

  private long varint(int width, String what) throws AldrinDecodeException {
    int start = pos;
    int first = u8(what);
    int n = VarintCodec.followingBytes(first, width);
    if (n == 0) {
      return first;
    }
    require(n, what);
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = v << 8 | (b[pos + i] & 0xFF);
    }
    pos += n;
    if (canonical && !VarintCodec.isCanonical(first, v, width)) {
      throw new AldrinDecodeException(
          DecodeProblem.NON_CANONICAL_VARINT,
          start,
          what + " uses " + (n + 1) + " bytes for " + Long.toUnsignedString(v));
    }
    return v;
  }

  private void require(int n, String what) throws AldrinDecodeException {
    if (end - pos < n) {
      throw new AldrinDecodeException(
          DecodeProblem.TRUNCATED,
          pos,
          what + " needs " + n + " bytes, " + (end - pos) + " remain");
    }
  }
}

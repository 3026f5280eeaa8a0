package org.loombus.aldrin.protocol.internal;

/**
 * Aldrin's varint layout for integers of {@code width} bytes (2, 4 or 8). A first byte up to {@code
 * 255 - width} is the value itself. A larger first byte {@code m} says that {@code m - (255 -
 * width)} little-endian bytes follow, from 1 up to {@code width}. The encoder always picks the
 * fewest bytes, so the only non-canonical forms are a marker announcing more bytes than needed
 * (the top byte is zero) and a one-byte marker for a value that would fit in the first byte.
 *
 * <p>No encoding can overflow: a marker never announces more than {@code width} bytes.
 */
public final class VarintCodec {
  private VarintCodec() {}

  /**
   * @param value the unsigned value; only its low {@code width} bytes are written
   * @param width 2, 4 or 8
   * @return how many bytes the canonical encoding takes, marker included
   */
  public static int encodedLength(long value, int width) {
    int n = significantBytes(value, width);
    if (n == 1) {
      return (value & 0xFF) <= 255 - width ? 1 : 2;
    }
    return 1 + n;
  }

  /**
   * Writes the canonical encoding.
   *
   * @param out where to write
   * @param value the unsigned value; only its low {@code width} bytes are written
   * @param width 2, 4 or 8
   */
  public static void write(ByteSink out, long value, int width) {
    int n = significantBytes(value, width);
    if (n == 1 && (value & 0xFF) <= 255 - width) {
      out.u8((int) value & 0xFF);
      return;
    }
    out.u8(255 - (width - n));
    for (int i = 0; i < n; i++) {
      out.u8((int) (value >>> (8 * i)) & 0xFF);
    }
  }

  /**
   * @param first the marker or value byte, 0 to 255
   * @param width 2, 4 or 8
   * @return how many bytes follow the first one
   */
  public static int followingBytes(int first, int width) {
    return first <= 255 - width ? 0 : first - (255 - width);
  }

  /**
   * @param first the marker byte
   * @param following the value assembled from the bytes after it
   * @param width 2, 4 or 8
   * @return whether the encoder would have written exactly these bytes
   */
  public static boolean isCanonical(int first, long following, int width) {
    int n = followingBytes(first, width);
    if (n == 0) {
      return true;
    }
    if (n == 1) {
      return (following & 0xFF) > 255 - width;
    }
    return (following >>> (8 * (n - 1))) != 0;
  }

  /**
   * @param value a signed 16-bit value
   * @return its zigzag form: 0, -1, 1, -2 ... become 0, 1, 2, 3 ...
   */
  public static int zigzag16(short value) {
    return ((value << 1) ^ (value >> 15)) & 0xFFFF;
  }

  /**
   * @param value a signed 32-bit value
   * @return its zigzag form, as 32 unsigned bits
   */
  public static int zigzag32(int value) {
    return (value << 1) ^ (value >> 31);
  }

  /**
   * @param value a signed 64-bit value
   * @return its zigzag form, as 64 unsigned bits
   */
  public static long zigzag64(long value) {
    return (value << 1) ^ (value >> 63);
  }

  /**
   * @param value a zigzag form, 0 to 65535
   * @return the signed value it stands for
   */
  public static short unzigzag16(int value) {
    return (short) ((value >>> 1) ^ -(value & 1));
  }

  /**
   * @param value a zigzag form, as 32 unsigned bits
   * @return the signed value it stands for
   */
  public static int unzigzag32(int value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /**
   * @param value a zigzag form, as 64 unsigned bits
   * @return the signed value it stands for
   */
  public static long unzigzag64(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static int significantBytes(long value, int width) {
    long masked = width == 8 ? value : value & ((1L << (8 * width)) - 1);
    int bits = 64 - Long.numberOfLeadingZeros(masked);
    return Math.max(1, (bits + 7) / 8);
  }
}

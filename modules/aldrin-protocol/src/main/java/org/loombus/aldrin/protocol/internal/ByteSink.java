package org.loombus.aldrin.protocol.internal;

import java.util.Arrays;
import java.util.UUID;

/** A growable byte buffer that writes Aldrin's primitive encodings. Not thread-safe. */
public final class ByteSink {
  private byte[] buf;
  private int size;

  /** Starts with room for 64 bytes. */
  public ByteSink() {
    this(64);
  }

  /** @param capacity initial room in bytes */
  public ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** @return bytes written so far */
  public int size() {
    return size;
  }

  /** @param b a byte, written as its low 8 bits */
  public void u8(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  /** @param b bytes written as they are */
  public void bytes(byte[] b) {
    bytes(b, 0, b.length);
  }

  /**
   * @param b array holding the bytes
   * @param off first byte
   * @param len number of bytes
   */
  public void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** @param v written as 4 little-endian bytes */
  public void u32le(int v) {
    ensure(4);
    putU32le(buf, size, v);
    size += 4;
  }

  /** @param v written as 8 little-endian bytes */
  public void u64le(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size + i] = (byte) (v >>> (8 * i));
    }
    size += 8;
  }

  /** @param uuid written as its 16 bytes, most significant first (RFC 4122 order) */
  public void uuid(UUID uuid) {
    long msb = uuid.getMostSignificantBits();
    long lsb = uuid.getLeastSignificantBits();
    ensure(16);
    for (int i = 0; i < 8; i++) {
      buf[size + i] = (byte) (msb >>> (56 - 8 * i));
      buf[size + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    size += 16;
  }

  /** @param v unsigned 16-bit value (low 16 bits) as a varint */
  public void varU16(int v) {
    VarintCodec.write(this, v & 0xFFFF, 2);
  }

  /** @param v unsigned 32-bit value as a varint */
  public void varU32(int v) {
    VarintCodec.write(this, Integer.toUnsignedLong(v), 4);
  }

  /** @param v unsigned 64-bit value as a varint */
  public void varU64(long v) {
    VarintCodec.write(this, v, 8);
  }

  /** @param v signed 16-bit value as a zigzag varint */
  public void varI16(short v) {
    varU16(VarintCodec.zigzag16(v));
  }

  /** @param v signed 32-bit value as a zigzag varint */
  public void varI32(int v) {
    varU32(VarintCodec.zigzag32(v));
  }

  /** @param v signed 64-bit value as a zigzag varint */
  public void varI64(long v) {
    varU64(VarintCodec.zigzag64(v));
  }

  /**
   * Overwrites 4 bytes already written.
   *
   * @param pos offset of the first byte
   * @param v written as 4 little-endian bytes
   */
  public void patchU32le(int pos, int v) {
    putU32le(buf, pos, v);
  }

  /** @return a copy of everything written */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private static void putU32le(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        wanted = (long) size + more;
        if (wanted > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("encoding exceeds the largest Java array");
        }
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}

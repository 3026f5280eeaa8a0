package org.loombus.aldrin.protocol.internal;

/**
 * Well-formed UTF-8 as RFC 3629 defines it, the rule Rust's {@code String::from_utf8} applies:
 * no overlong forms, no surrogate code points, nothing above U+10FFFF, no stray continuation
 * bytes. Checking without decoding keeps validation of forwarded values free of allocation.
 */
public final class Utf8Validator {
  private Utf8Validator() {}

  /**
   * @param b array holding the bytes
   * @param off first byte
   * @param len number of bytes
   * @return the offset of the first byte that starts an ill-formed sequence, or -1 if all is well
   */
  public static int firstInvalid(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      int max;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
        max = 0xBF;
      } else if (c == 0xE0) {
        need = 2;
        min = 0xA0; // below would be overlong
        max = 0xBF;
      } else if (c == 0xED) {
        need = 2;
        min = 0x80;
        max = 0x9F; // above would be a surrogate
      } else if (c >= 0xE1 && c <= 0xEF) {
        need = 2;
        min = 0x80;
        max = 0xBF;
      } else if (c == 0xF0) {
        need = 3;
        min = 0x90; // below would be overlong
        max = 0xBF;
      } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
        min = 0x80;
        max = 0xBF;
      } else if (c == 0xF4) {
        need = 3;
        min = 0x80;
        max = 0x8F; // above would exceed U+10FFFF
      } else {
        return i;
      }
      if (end - i <= need) {
        return i;
      }
      int second = b[i + 1] & 0xFF;
      if (second < min || second > max) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int cont = b[i + k] & 0xFF;
        if (cont < 0x80 || cont > 0xBF) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }
}

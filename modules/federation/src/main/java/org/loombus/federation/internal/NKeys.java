package org.loombus.federation.internal;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * NATS NKeys with the JDK's own Ed25519, so that the image needs no BouncyCastle (which jnats's
 * {@code NKey} class uses). An NKey is base32 (RFC 4648, no padding) of: one or two prefix bytes,
 * the 32 key bytes, and a CRC-16/XMODEM of what precedes it, little-endian. A seed's first byte
 * is {@code 'S'}'s value {@code 18 << 3} combined with the type of the key it seeds, and the
 * second carries the rest of that type; a user's public key starts with {@code 20 << 3}
 * ({@code U}).
 */
final class NKeys {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final int SEED_PREFIX = 18 << 3;
  private static final int USER_PREFIX = 20 << 3;

  private final PrivateKey key;
  private final char[] publicKey;

  private NKeys(PrivateKey key, char[] publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /**
   * @param seed an encoded user seed ({@code SU…})
   * @return the key pair it seeds
   * @throws IllegalArgumentException if it is not a valid user seed
   */
  static NKeys fromSeed(String seed) {
    byte[] raw = base32Decode(seed.trim());
    if (raw.length != 36 || crc16(raw, 34) != ((raw[34] & 0xFF) | (raw[35] & 0xFF) << 8)) {
      throw new IllegalArgumentException("not an NKey seed (bad length or checksum)");
    }
    int b0 = raw[0] & 0xFF;
    int b1 = raw[1] & 0xFF;
    if ((b0 & 0xF8) != SEED_PREFIX || ((b0 & 7) << 5 | (b1 & 0xF8) >> 3) != USER_PREFIX) {
      throw new IllegalArgumentException("not a user NKey seed (SU…)");
    }
    byte[] secret = Arrays.copyOfRange(raw, 2, 34);
    try {
      PrivateKey key = KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, secret));
      return new NKeys(key, encodePublic(publicOf(secret)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the JDK refuses the seed: " + e.getMessage());
    }
  }

  /** @return the public key, {@code U…} */
  char[] publicKey() {
    return publicKey.clone();
  }

  /** @return the Ed25519 signature of {@code data} */
  byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * The JDK computes an Ed25519 public key only while generating a pair, from the 32 bytes its
   * random source gives: given a source that yields the seed, it derives this seed's public key.
   */
  private static byte[] publicOf(byte[] secret) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(secret, 0, bytes, 0, bytes.length);
      }
    });
    KeyPair pair = g.generateKeyPair();
    byte[] x509 = pair.getPublic().getEncoded();
    return Arrays.copyOfRange(x509, x509.length - 32, x509.length); // SPKI ends with the key
  }

  /** @return the {@code U…} encoding of a user's 32-byte public key */
  static char[] encodePublic(byte[] key) {
    byte[] raw = new byte[35];
    raw[0] = (byte) USER_PREFIX;
    System.arraycopy(key, 0, raw, 1, 32);
    int crc = crc16(raw, 33);
    raw[33] = (byte) crc;
    raw[34] = (byte) (crc >> 8);
    return base32Encode(raw).toCharArray();
  }

  /** @return the {@code SU…} encoding of a user seed's 32 bytes */
  static String encodeSeed(byte[] secret) {
    byte[] raw = new byte[36];
    raw[0] = (byte) (SEED_PREFIX | USER_PREFIX >> 5);
    raw[1] = (byte) ((USER_PREFIX & 31) << 3);
    System.arraycopy(secret, 0, raw, 2, 32);
    int crc = crc16(raw, 34);
    raw[34] = (byte) crc;
    raw[35] = (byte) (crc >> 8);
    return base32Encode(raw);
  }

  static int crc16(byte[] b, int len) {
    int crc = 0;
    for (int i = 0; i < len; i++) {
      crc ^= (b[i] & 0xFF) << 8;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xFFFF;
  }

  static String base32Encode(byte[] b) {
    StringBuilder s = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte x : b) {
      buffer = buffer << 8 | (x & 0xFF);
      bits += 8;
      while (bits >= 5) {
        s.append(BASE32.charAt(buffer >> (bits - 5) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      s.append(BASE32.charAt(buffer << (5 - bits) & 31));
    }
    return s.toString();
  }

  static byte[] base32Decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      int v = BASE32.indexOf(s.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("not base32: '" + s.charAt(i) + "'");
      }
      buffer = buffer << 5 | v;
      bits += 5;
      if (bits >= 8) {
        out.write(buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}

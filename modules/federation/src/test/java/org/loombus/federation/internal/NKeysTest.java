package org.loombus.federation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NKeysTest {
  private static final byte[] SECRET = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      SECRET[i] = (byte) (i * 7 + 1);
    }
  }

  @Test
  void base32AndCrc16AreTheNKeyEncodings() {
    // RFC 4648 test vector, without padding; CRC-16/XMODEM check value of "123456789"
    assertEquals("MZXW6YTBOI", NKeys.base32Encode("foobar".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), NKeys.base32Decode("MZXW6YTBOI"));
    assertEquals(0x31C3, NKeys.crc16("123456789".getBytes(StandardCharsets.US_ASCII), 9));
  }

  @Test
  void aUserSeedStartsWithSuAndItsPublicKeyWithU() {
    String seed = NKeys.encodeSeed(SECRET);
    assertTrue(seed.startsWith("SU"), seed);
    assertEquals(58, seed.length());
    char[] pub = NKeys.fromSeed(seed).publicKey();
    assertEquals('U', pub[0]);
    assertEquals(56, pub.length);
  }

  @Test
  void theSignatureVerifiesWithThePublicKeyTheSeedAnnounces() throws Exception {
    NKeys keys = NKeys.fromSeed(NKeys.encodeSeed(SECRET));
    byte[] nonce = "a server nonce".getBytes(StandardCharsets.US_ASCII);
    byte[] sig = keys.sign(nonce);
    byte[] raw = NKeys.base32Decode(new String(keys.publicKey()));
    byte[] key = Arrays.copyOfRange(raw, 1, 33);
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(publicKey(key));
    v.update(nonce);
    assertTrue(v.verify(sig));
  }

  @Test
  void aDamagedOrForeignSeedIsRefused() {
    String seed = NKeys.encodeSeed(SECRET);
    char[] c = seed.toCharArray();
    c[10] = c[10] == 'A' ? 'B' : 'A';
    assertThrows(IllegalArgumentException.class, () -> NKeys.fromSeed(new String(c)));
    assertThrows(IllegalArgumentException.class,
        () -> NKeys.fromSeed(new String(NKeys.encodePublic(SECRET))));
  }

  /** The JDK's Ed25519 public key from its RFC 8032 encoding (y, x's sign in the top bit). */
  private static PublicKey publicKey(byte[] encoded) throws Exception {
    byte[] le = encoded.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7F;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(
        NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
  }
}

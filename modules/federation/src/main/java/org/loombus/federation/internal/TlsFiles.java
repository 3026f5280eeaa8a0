package org.loombus.federation.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of the NATS link from PEM files, as NATS servers are configured: a CA bundle to
 * verify the servers, and optionally a client certificate chain with its unencrypted PKCS#8 key
 * ({@code -----BEGIN PRIVATE KEY-----}; RSA or EC).
 */
public final class TlsFiles {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private TlsFiles() {}

  /**
   * @param ca CA certificates, or {@code null} for the JDK's default trust
   * @param cert client certificate chain, or {@code null}
   * @param key its key, or {@code null}
   * @return the context
   * @throws IOException naming the file that cannot be read or used
   */
  public static SSLContext context(Path ca, Path cert, Path key) throws IOException {
    try {
      TrustManagerFactory tmf = null;
      if (ca != null) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(ca)) {
          trust.setCertificateEntry("ca" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (cert != null) {
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        char[] none = new char[0];
        own.setKeyEntry("client", privateKey(key), none,
            certificates(cert).toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own, none);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS set-up failed: " + e.getMessage(), e);
    }
  }

  private static Collection<? extends Certificate> certificates(Path file) throws IOException {
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
      if (certs.isEmpty()) {
        throw new IOException(file + ": no PEM certificate in it");
      }
      return certs;
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not PEM certificates: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException {
    Matcher m = KEY.matcher(Files.readString(file));
    if (!m.find()) {
      throw new IOException(file + ": no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    throw new IOException(file + ": a PKCS#8 key of no supported algorithm (RSA, EC, Ed25519)");
  }
}

package org.loombus.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The TLS identity of the {@code wss://} listeners from {@code --wss-keystore}, a PKCS#12 file
 * (what {@code keytool -genkeypair -storetype PKCS12} writes, and {@code openssl pkcs12 -export}
 * makes from PEM files), and {@code --wss-password-file}: a file rather than a flag, so the
 * password shows in no process listing.
 */
final class WssKeystore {
  private WssKeystore() {}

  /**
   * @param keystore the PKCS#12 file
   * @param passwordFile its password on the first line, or {@code null} for an empty one
   * @return a server context with the keystore's key and chain
   * @throws IOException one line naming the file and what is wrong with it
   */
  static SSLContext context(Path keystore, Path passwordFile) throws IOException {
    char[] password = passwordFile == null ? new char[0] : password(passwordFile);
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      if (Collections.list(ks.aliases()).stream().noneMatch(a -> isKey(ks, a))) {
        throw new IOException("no private key in it");
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (NoSuchFileException e) {
      throw new IOException("--wss-keystore " + keystore + ": no such file", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IOException("--wss-keystore " + keystore + ": " + e.getMessage(), e);
    }
  }

  private static boolean isKey(KeyStore ks, String alias) {
    try {
      return ks.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static char[] password(Path file) throws IOException {
    try {
      return Files.readAllLines(file).stream().findFirst().orElse("").toCharArray();
    } catch (IOException e) {
      throw new IOException("--wss-password-file " + file + ": cannot be read (" + e + ")", e);
    }
  }
}

package org.loombus.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.loombus.broker.Broker;
import org.loombus.broker.BrokerConfig;
import org.loombus.server.BindAddress;
import org.loombus.server.BrokerServer;
import org.loombus.testkit.RawClient;

/**
 * A real broker in this JVM listening on a Unix socket and on {@code ws://127.0.0.1:PORT/bus} and
 * {@code wss://127.0.0.1:PORT/bus}, with a self-signed certificate that {@code keytool} makes
 * once per test JVM, and the client-side TLS context that trusts it.
 */
final class WebSocketBroker implements AutoCloseable {
  static final String PATH = "/bus";
  private static final String PASSWORD = "loombus-test";
  private final Path dir;
  private final Path socket;
  private final Broker broker;
  private final BrokerServer server;
  private final SSLContext clientTls;

  private WebSocketBroker(Path dir, Path socket, Broker broker, BrokerServer server,
      SSLContext clientTls) {
    this.dir = dir;
    this.socket = socket;
    this.broker = broker;
    this.server = server;
    this.clientTls = clientTls;
  }

  /**
   * @param settings adjusts the library's default configuration (T = 1 s)
   * @return the running broker
   */
  static WebSocketBroker start(UnaryOperator<BrokerConfig.Builder> settings) {
    try {
      Path dir = Files.createTempDirectory("loombus-ws");
      Path socket = dir.resolve("broker.sock");
      KeyStore keys = keys();
      Broker broker = Broker.create(settings.apply(BrokerConfig.builder()).build());
      BrokerServer server = BrokerServer.builder(broker.handle())
          .bind(List.of(BindAddress.parse(socket.toString()),
              BindAddress.parse("ws://127.0.0.1:0" + PATH),
              BindAddress.parse("wss://127.0.0.1:0" + PATH)))
          .tls(serverContext(keys))
          .start();
      return new WebSocketBroker(dir, socket, broker, server, clientContext(keys));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keys;
  private static Path keystore;

  /** An EC key and certificate for 127.0.0.1, made by the JDK's keytool as a user would. */
  private static synchronized KeyStore keys()
      throws IOException, InterruptedException, GeneralSecurityException {
    if (keys != null) {
      return keys;
    }
    Path file = Files.createTempFile("loombus-ws", ".p12");
    Files.delete(file);
    file.toFile().deleteOnExit();
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "bus",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    keystore = file;
    keys = ks;
    return ks;
  }

  private static SSLContext serverContext(KeyStore keys) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static SSLContext clientContext(KeyStore keys)
      throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("bus", keys.getCertificate("bus"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  /** @return the Unix socket file, which also picks this broker's log lines */
  Path socketPath() {
    return socket;
  }

  /** @return the PKCS#12 file of the test certificate, for a daemon given the same one */
  static synchronized Path keystore() {
    try {
      keys();
      return keystore;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the test certificate in PEM, for clients that take a CA file */
  static String certificatePem() {
    try {
      byte[] der = keys().getCertificate("bus").getEncoded();
      return "-----BEGIN CERTIFICATE-----\n"
          + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END CERTIFICATE-----\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return a client-side TLS context that trusts the test certificate only */
  static SSLContext trustingTestCertificate() {
    try {
      return clientContext(keys());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the keystore's password */
  static String password() {
    return PASSWORD;
  }

  /** @return the TCP address of the plain WebSocket listener */
  InetSocketAddress wsAddress() {
    return server.tcpAddress("ws://127.0.0.1:0" + PATH);
  }

  /** @return the TCP address of the TLS WebSocket listener */
  InetSocketAddress wssAddress() {
    return server.tcpAddress("wss://127.0.0.1:0" + PATH);
  }

  /**
   * @param tls whether the URI is the wss:// listener's
   * @return the URI a WebSocket client connects to
   */
  URI uri(boolean tls) {
    InetSocketAddress a = tls ? wssAddress() : wsAddress();
    return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + a.getPort() + PATH);
  }

  /** @return a client-side TLS context that trusts the broker's certificate only */
  SSLContext clientTls() {
    return clientTls;
  }

  /**
   * @param name client name
   * @return a client registered over the Unix socket
   */
  RawClient registerUnix(String name) {
    return RawClient.register(java.net.UnixDomainSocketAddress.of(socket), name);
  }

  /** @return the broker's handle */
  org.loombus.broker.BrokerHandle handle() {
    return broker.handle();
  }

  @Override
  public void close() {
    server.close();
    broker.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}

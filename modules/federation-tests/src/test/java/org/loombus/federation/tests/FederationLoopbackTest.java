package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.federation.tests.Wire.awaitKnown;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;

/**
 * The NATS options a user expects, against nats-servers on 127.0.0.1 that require them: a token
 * file, an NKey seed (credentials) file, TLS with a client certificate; the metrics; and the
 * start-up errors of the federation flags.
 */
class FederationLoopbackTest {
  @TempDir Path dir;
  private final java.util.List<AutoCloseable> running = new java.util.ArrayList<>();

  @BeforeEach
  void sweep() {
    running.clear();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private LoopbackNats nats(String extra) {
    LoopbackNats n = LoopbackNats.start(dir, extra);
    running.add(n);
    return n;
  }

  private DaemonProcess node(String name, String... federation) {
    Path socket = dir.resolve(name + ".sock");
    String[] args = new String[federation.length + 6];
    System.arraycopy(new String[] {"-B", socket.toString(), "-t", "10", "--node", name}, 0, args,
        0, 6);
    System.arraycopy(federation, 0, args, 6, federation.length);
    DaemonProcess d = DaemonProcess.start(socket, args);
    running.add(d);
    return d;
  }

  private Peer peer(String node, String name) {
    Peer p = Peer.register(UnixDomainSocketAddress.of(dir.resolve(node + ".sock")), name);
    running.add(p);
    return p;
  }

  /** Two nodes with the same flags, and a message each way between them. */
  private void twoNodesTalk(String... federation) {
    node("A", federation);
    node("B", federation);
    Peer a = peer("A", "sec.a");
    Peer b = peer("B", "sec.b");
    awaitKnown(a, b);
    awaitKnown(b, a);
  }

  @Test
  @DisplayName("a token file logs the nodes in to a server that requires the token")
  void tokenFile() throws IOException {
    LoopbackNats n = nats("authorization { token: \"t0k3n-for-the-bus\" }\n");
    Path token = Files.writeString(dir.resolve("nats.token"), "t0k3n-for-the-bus\n");
    twoNodesTalk("--federate", n.url("nats"), "--federate-token-file", token.toString());
    Path wrong = Files.writeString(dir.resolve("wrong.token"), "not-it");
    DaemonProcess refused = node("C", "--federate", n.url("nats"), "--federate-token-file",
        wrong.toString());
    refused.awaitOutput("Authorization Violation", Duration.ofSeconds(10));
    Map<?, ?> fed = (Map<?, ?>) Wire.coreCall(peer("C", "sec.c"), 1, "stats").get("federation");
    assertEquals(Boolean.FALSE, fed.get("connected"));
  }

  @Test
  @DisplayName("a credentials file with an NKey seed logs the nodes in as that NKey user")
  void nkeyCredentials() throws Exception {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    NKey key = NKey.user(seed);
    LoopbackNats n = nats("authorization { users = [ { nkey: \"" + key.publicKey + "\" } ] }\n");
    Path creds = Files.writeString(dir.resolve("node.creds"), "-----BEGIN USER NKEY SEED-----\n"
        + key.seed + "\n------END USER NKEY SEED------\n");
    twoNodesTalk("--federate", n.url("nats"), "--federate-creds", creds.toString());
  }

  @Test
  @DisplayName("TLS with a CA file and a client certificate, against a server that verifies clients")
  void tls() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test ca",
        "-keyout", "ca.key", "-out", "ca.pem");
    for (String who : List.of("server", "client")) {
      openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + who, "-keyout",
          who + ".key", "-out", who + ".csr");
      Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=IP:127.0.0.1\n");
      openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
          "-CAcreateserial", "-days", "2", "-extfile", who + ".ext", "-out", who + ".pem");
    }
    LoopbackNats n = nats("tls {\n  cert_file: \"" + dir.resolve("server.pem") + "\"\n"
        + "  key_file: \"" + dir.resolve("server.key") + "\"\n  ca_file: \""
        + dir.resolve("ca.pem") + "\"\n  verify: true\n}\n");
    twoNodesTalk("--federate", n.url("tls"), "--federate-tls-ca", dir.resolve("ca.pem").toString(),
        "--federate-tls-cert", dir.resolve("client.pem").toString(), "--federate-tls-key",
        dir.resolve("client.key").toString());
  }

  @Test
  @DisplayName("the metrics show the federation's link and counters")
  void metrics() throws Exception {
    LoopbackNats n = nats("");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    node("A", "--federate", n.url("nats"), "--metrics", "127.0.0.1:" + port);
    node("B", "--federate", n.url("nats"));
    Peer a = peer("A", "met.a");
    Peer b = peer("B", "met.b");
    awaitKnown(a, b);
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(text.contains("loombus_federation_connected{node=\"A\",server=\"" + n.url("nats")
        + "\"} 1\n"), text);
    assertTrue(text.contains("loombus_federation_nodes 1\n"), text);
    assertTrue(text.contains("loombus_federation_remote_clients 1\n"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches("loombus_federation_frames_out_total [1-9]\\d*")),
        text);
  }

  @Test
  @DisplayName("an RPC call to another node and its reply cross in two NATS messages: each ACK goes with the reply or the next call")
  void rpcAnswersShareMessages() throws Exception {
    int monitor;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      monitor = s.getLocalPort();
    }
    LoopbackNats n = nats("http: 127.0.0.1:" + monitor + "\n");
    node("A", "--federate", n.url("nats"));
    node("B", "--federate", n.url("nats"));
    Peer caller = peer("A", "rpc.caller");
    Peer server = peer("B", "rpc.server");
    awaitKnown(caller, server);
    awaitKnown(server, caller);
    int calls = 50;
    long before = natsMessagesIn(monitor);
    for (int id = 1; id <= calls; id++) {
      boolean realtime = id % 2 == 0; // QoS 3 (real-time) every other call, QoS 1 between
      int flags = realtime ? 0xD2 : 0x52;
      byte[] call = Wire.request(id, "echo", Wire.bytes("params"));
      caller.send(id, flags, "rpc.server", call);
      // The answer to the last reply comes with this call; either may be queued first, as the
      // node delivers a frame before it answers it (and the receiver may have answered by then).
      if (id > 1) {
        expectBoth(server, Peer.ack(id - 1, 0x01), Peer.message("rpc.caller", call, realtime));
      } else {
        server.expect(Peer.message("rpc.caller", call, realtime));
      }
      byte[] reply = Wire.reply(id, Wire.bytes("result"));
      server.send(id, flags, "rpc.caller", reply);
      expectBoth(caller, Peer.ack(id, 0x01), Peer.message("rpc.server", reply, realtime));
    }
    server.expectAck(calls, 0x01); // the last one waited for nothing more to come
    long published = natsMessagesIn(monitor) - before;
    // 2 per call when every ACK finds its record, 4 if every ACK went alone; an ACK whose record
    // came later than its wait (a slow test machine), or a heartbeat, adds one
    assertTrue(published >= 2 * calls && published < 3 * calls,
        published + " NATS messages for " + calls + " calls");
  }

  /** The next two frames {@code p} reads are {@code x} and {@code y}, in either order. */
  private static void expectBoth(Peer p, byte[] x, byte[] y) {
    List<String> got = new java.util.ArrayList<>(List.of(RawClient.hex(
        p.raw.readFrameSkippingNops()), RawClient.hex(p.raw.readFrameSkippingNops())));
    java.util.Collections.sort(got);
    List<String> want = new java.util.ArrayList<>(List.of(RawClient.hex(x), RawClient.hex(y)));
    java.util.Collections.sort(want);
    assertEquals(want, got, p.name);
  }

  /** Messages the nats-server has received from its clients, from its monitoring endpoint. */
  private static long natsMessagesIn(int monitor) throws Exception {
    String varz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + monitor + "/varz")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"in_msgs\":\\s*(\\d+)")
        .matcher(varz);
    assertTrue(m.find(), varz);
    return Long.parseLong(m.group(1));
  }

  @Test
  @DisplayName("federation flags with a mistake stop the daemon with one line: status 2, or 1 for an unreadable file")
  void startUpErrors() {
    Path socket = dir.resolve("x.sock");
    DaemonProcess badName = DaemonProcess.start(null, "-B", socket.toString(), "--federate",
        "nats://127.0.0.1:4222", "--node", "host.a");
    assertEquals(2, badName.awaitExit(Duration.ofSeconds(20)));
    assertEquals("loombusd: --federate: node name 'host.a' must be 1 to 64 letters, digits, '-'"
        + " or '_'\n", badName.output());
    badName.close();
    DaemonProcess noUrl = DaemonProcess.start(null, "-B", socket.toString(), "--node", "a");
    assertEquals(2, noUrl.awaitExit(Duration.ofSeconds(20)));
    assertEquals("loombusd: --federate: the NATS server URLs are required with the other"
        + " federation flags\n", noUrl.output());
    noUrl.close();
    Path missing = dir.resolve("absent.token");
    DaemonProcess unreadable = DaemonProcess.start(null, "-B", socket.toString(), "--federate",
        "nats://127.0.0.1:4222", "--node", "a", "--federate-token-file", missing.toString());
    assertEquals(1, unreadable.awaitExit(Duration.ofSeconds(20)));
    assertEquals("loombusd: --federate-token-file: cannot read " + missing + ": " + missing + "\n",
        unreadable.output());
    unreadable.close();
    assertTrue(!Files.exists(socket), "no listener was opened");
  }

  private void openssl(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "openssl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A user NKey written here from the NKeys format, independently of the module's encoder: base32
   * of prefix bytes, the 32 key bytes and a CRC-16/XMODEM, little-endian.
   */
  private record NKey(String seed, String publicKey) {
    static NKey user(byte[] secret) throws Exception {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(255, new SecureRandom() {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
          System.arraycopy(secret, 0, bytes, 0, bytes.length);
        }
      });
      byte[] spki = g.generateKeyPair().getPublic().getEncoded();
      byte[] pub = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      int user = 20 << 3;
      int seedPrefix = 18 << 3;
      return new NKey(encode(new byte[] {(byte) (seedPrefix | user >> 5), (byte) ((user & 31) << 3)},
          secret), encode(new byte[] {(byte) user}, pub));
    }

    private static String encode(byte[] prefix, byte[] key) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      raw.writeBytes(prefix);
      raw.writeBytes(key);
      int crc = 0;
      for (byte b : raw.toByteArray()) {
        crc ^= (b & 0xFF) << 8;
        for (int i = 0; i < 8; i++) {
          crc = (crc & 0x8000) != 0 ? (crc << 1 ^ 0x1021) & 0xFFFF : crc << 1 & 0xFFFF;
        }
      }
      raw.write(crc & 0xFF);
      raw.write(crc >> 8);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder s = new StringBuilder();
      int buffer = 0;
      int bits = 0;
      for (byte b : raw.toByteArray()) {
        buffer = buffer << 8 | b & 0xFF;
        bits += 8;
        while (bits >= 5) {
          s.append(alphabet.charAt(buffer >> bits - 5 & 31));
          bits -= 5;
        }
      }
      if (bits > 0) {
        s.append(alphabet.charAt(buffer << 5 - bits & 31));
      }
      return s.toString();
    }
  }
}

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Smoke test of a linked image: starts its {@code bin/loombusd} on a Unix socket and a loopback
 * TCP port, registers one client on each, sends a QoS-1 direct message from one to the other and
 * checks the exact bytes of the ACK and of the delivery; scrapes {@code --metrics} and reads the
 * broker MBean by attaching to the process as jconsole does; then SIGTERM must end the daemon with
 * status 0, nothing on stderr, its socket file removed and its log line on stdout (which proves
 * the tinylog implementation is linked in). A second run switches remote JMX on through
 * {@code LOOMBUS_JAVA_OPTS}, as docs/operations.md says, and reads the MBean over RMI.
 *
 * <p>Run with any JDK 21+ as a single-file program:
 * {@code java jlink/src/check/SmokeTest.java jlink/target/loombus}. Exits 0 on success, 1 with
 * the reason and the daemon's output otherwise. The image build also runs it once with
 * {@code LOOMBUS_JAVA_OPTS=-XX:DumpLoadedClassList=...} to learn which classes to archive.
 */
public final class SmokeTest {
  private static final long LIMIT_MILLIS = 60_000;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java SmokeTest.java IMAGE_DIR");
      System.exit(2);
    }
    Path launcher = Path.of(args[0], "bin", "loombusd").toAbsolutePath();
    Path dir = Files.createTempDirectory("loombus-smoke");
    Path socket = dir.resolve("smoke.sock");
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    int[] ports = freePorts(2);
    int port = ports[0];
    int metricsPort = ports[1];
    Process daemon = new ProcessBuilder(launcher.toString(), "-B", socket.toString(),
        "-B", "127.0.0.1:" + port, "--metrics", "127.0.0.1:" + metricsPort)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
      try {
        Thread.sleep(LIMIT_MILLIS);
        System.err.println("image smoke test: no result within " + LIMIT_MILLIS + " ms");
        daemon.destroyForcibly();
        Runtime.getRuntime().halt(1);
      } catch (InterruptedException finished) {
        // the test ended in time
      }
    });
    String failure = null;
    try {
      check(daemon, socket, port, metricsPort, out, err);
    } catch (Exception | AssertionError e) {
      failure = e.getMessage();
    } finally {
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
    if (failure == null) {
      failure = remoteJmx(launcher, socket, out, err);
    }
    watchdog.interrupt();
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);
    for (Path p : new Path[] {socket, out, err, dir.resolve("jmxremote.password"),
        dir.resolve("jmxremote.access"), dir}) {
      Files.deleteIfExists(p);
    }
    if (failure != null) {
      System.err.println("image smoke test FAILED: " + failure);
      System.err.println("--- loombusd stdout ---\n" + stdout);
      System.err.println("--- loombusd stderr ---\n" + stderr);
      System.exit(1);
    }
    System.out.println("image smoke test passed: " + launcher
        + " served Unix and TCP clients, metrics and JMX (attached and remote),"
        + " and stopped cleanly on SIGTERM");
  }

  private static void check(Process daemon, Path socket, int port, int metricsPort, Path out,
      Path err) throws Exception {
    SocketAddress unix = UnixDomainSocketAddress.of(socket);
    SocketAddress tcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (SocketChannel a = register(await(unix, daemon), "smoke.a");
        SocketChannel b = register(await(tcp, daemon), "smoke.b")) {
      byte[] body = "smoke.b\0ping".getBytes(StandardCharsets.UTF_8);
      ByteBuffer frame = ByteBuffer.allocate(9 + body.length);
      frame.put(new byte[] {7, 0, 0, 0, 0x52}).put(le32(body.length)).put(body).flip();
      write(a, frame);
      expect(a, "ACK to smoke.a", "fe 07 00 00 00 01");
      expect(b, "delivery to smoke.b", "12 0c 00 00 00 00 "
          + HEX.formatHex("smoke.a\0ping".getBytes(StandardCharsets.UTF_8)));
      String metrics = get("http://127.0.0.1:" + metricsPort + "/metrics");
      if (!metrics.contains("loombus_client_received_frames_total{client=\"smoke.a\"} 1\n")) {
        throw new AssertionError("/metrics does not count smoke.a's frame:\n" + metrics);
      }
      VirtualMachine vm = VirtualMachine.attach(Long.toString(daemon.pid()));
      String local;
      try {
        local = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      expectClients(local, 3, null);
      String cmdline = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "cmdline"));
      if (!cmdline.contains("-XX:+ExitOnOutOfMemoryError")) {
        throw new AssertionError("the launcher does not make the JVM exit on running out of"
            + " memory: " + cmdline.replace('\0', ' '));
      }
    }
    stop(daemon, socket, out, err);
  }

  /**
   * The manual's way of switching remote JMX on (docs/operations.md): on the loopback interface,
   * with a password file only the daemon's user can read, and a client that must log in.
   */
  private static String remoteJmx(Path launcher, Path socket, Path out, Path err)
      throws Exception {
    int jmxPort = freePorts(1)[0];
    Path dir = socket.getParent();
    Path passwords = dir.resolve("jmxremote.password");
    Path access = dir.resolve("jmxremote.access");
    Files.writeString(passwords, "monitor s3cret\n");
    Files.writeString(access, "monitor readonly\n");
    Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "-B", socket.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("LOOMBUS_JAVA_OPTS", String.join(" ", List.of(
        "-Dcom.sun.management.jmxremote.port=" + jmxPort,
        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=true",
        "-Dcom.sun.management.jmxremote.password.file=" + passwords,
        "-Dcom.sun.management.jmxremote.access.file=" + access,
        "-Dcom.sun.management.jmxremote.ssl=false")));
    Process daemon = pb.start();
    try {
      await(UnixDomainSocketAddress.of(socket), daemon).close();
      String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
      try {
        expectClients(url, 1, null);
        throw new AssertionError("remote JMX let a client in without a password");
      } catch (SecurityException refused) {
        // as it must
      }
      expectClients(url, 1, new String[] {"monitor", "s3cret"});
      stop(daemon, socket, out, err);
      return null;
    } catch (Exception | AssertionError e) {
      return "with remote JMX: " + e.getMessage();
    } finally {
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void expectClients(String jmxUrl, int clients, String[] login)
      throws Exception {
    Map<String, Object> env = login == null ? Map.of() : Map.of(JMXConnector.CREDENTIALS, login);
    try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl), env)) {
      MBeanServerConnection beans = jmx.getMBeanServerConnection();
      Object n = beans.getAttribute(new ObjectName("org.loombus:type=Broker"), "Clients");
      if (!Integer.valueOf(clients).equals(n)) {
        throw new AssertionError("JMX " + jmxUrl + ": Clients = " + n + ", expected " + clients);
      }
    }
  }

  private static String get(String url) throws IOException {
    HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      if (http.getResponseCode() != 200) {
        throw new AssertionError(url + " answered " + http.getResponseCode());
      }
      return new String(http.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      http.disconnect();
    }
  }

  private static void stop(Process daemon, Path socket, Path out, Path err) throws Exception {
    daemon.destroy();
    if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("loombusd did not exit within 10 s of SIGTERM");
    }
    if (daemon.exitValue() != 0) {
      throw new AssertionError("loombusd exited with " + daemon.exitValue() + " after SIGTERM");
    }
    if (Files.size(err) != 0) {
      throw new AssertionError("loombusd wrote to stderr");
    }
    if (Files.exists(socket)) {
      throw new AssertionError("socket file left behind: " + socket);
    }
    if (!Files.readString(out).contains("loombusd listening on")) {
      throw new AssertionError("no log line on stdout: is org.tinylog.impl linked in?");
    }
  }

  /**
   * Loopback ports nothing listens on, all different: the probes stay open until every port is
   * chosen, since a port just closed may be handed out again at once (then the daemon's metrics
   * endpoint and its TCP listener would ask for the same one).
   */
  private static int[] freePorts(int n) throws IOException {
    ServerSocket[] probes = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        probes[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = probes[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket probe : probes) {
        if (probe != null) {
          probe.close();
        }
      }
    }
  }

  private static SocketChannel await(SocketAddress address, Process daemon) throws Exception {
    while (true) {
      try {
        return SocketChannel.open(address);
      } catch (IOException notYet) {
        if (!daemon.isAlive()) {
          throw new AssertionError("loombusd exited with " + daemon.exitValue());
        }
        Thread.sleep(10);
      }
    }
  }

  private static SocketChannel register(SocketChannel ch, String name) throws IOException {
    ByteBuffer greeting = read(ch, 3);
    if (!Arrays.equals(greeting.array(), new byte[] {(byte) 0xEB, 1, 0})) {
      throw new AssertionError("greeting was " + HEX.formatHex(greeting.array()));
    }
    write(ch, greeting.flip());
    expect(ch, "greeting status", "01");
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    write(ch, ByteBuffer.allocate(2 + n.length).put((byte) n.length).put((byte) 0).put(n).flip());
    expect(ch, "registration status of " + name, "01");
    return ch;
  }

  /** Reads the expected number of bytes, skipping six-byte keep-alive frames before them. */
  private static void expect(SocketChannel ch, String what, String hex) throws IOException {
    byte[] want = HEX.parseHex(hex);
    byte[] got;
    do {
      got = read(ch, Math.min(want.length, 6)).array();
    } while (want.length >= 6 && Arrays.equals(got, new byte[6]));
    if (want.length > 6) {
      byte[] rest = read(ch, want.length - 6).array();
      got = Arrays.copyOf(got, want.length);
      System.arraycopy(rest, 0, got, 6, rest.length);
    }
    if (!Arrays.equals(got, want)) {
      throw new AssertionError(what + ": expected " + hex + ", got " + HEX.formatHex(got));
    }
  }

  private static ByteBuffer read(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new AssertionError("connection closed after " + b.position() + " of " + n + " bytes");
      }
    }
    return b;
  }

  private static void write(SocketChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}

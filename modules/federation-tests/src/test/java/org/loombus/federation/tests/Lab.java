package org.loombus.federation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.RawClient;

/**
 * Hosts made of network namespaces on this machine: {@code lbf-1} … {@code lbf-N}, each with one
 * veth into a bridge in the namespace {@code lbf-hub} and the address 10.77.0.i/24 — addresses
 * that exist only inside these namespaces. Each host runs a nats-server (all of them clustered by
 * routes) and a loombusd node connected to its own server first, then to the others; the node's
 * Unix socket lies in a directory of this machine, so the test reaches it directly.
 *
 * <p>{@link #close} stops every process and removes the namespaces and files, also after a
 * failure; {@link #create} first sweeps what a test run that died may have left.
 */
final class Lab implements AutoCloseable {
  private static final String PREFIX = "lbf-";
  private static final String HUB = PREFIX + "hub";

  private final int hosts;
  private final Path dir;
  private final Process[] nats;
  private final DaemonProcess[] nodes;
  private final List<String> namespaces = new ArrayList<>();

  private Lab(int hosts, Path dir) {
    this.hosts = hosts;
    this.dir = dir;
    this.nats = new Process[hosts + 1];
    this.nodes = new DaemonProcess[hosts + 1];
  }

  /**
   * Builds the network of {@code hosts} hosts (no processes yet); skips the test where this
   * machine cannot (not root, no nats-server).
   */
  static Lab create(int hosts) {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "network namespaces need root");
    Assumptions.assumeTrue(Files.isExecutable(natsServer()), "nats-server is not installed"
        + " (./dev installs it)");
    sweep();
    Lab lab;
    try {
      lab = new Lab(hosts, Files.createTempDirectory("lbf"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      lab.netns(HUB);
      ip("-n", HUB, "link", "add", "br0", "type", "bridge");
      ip("-n", HUB, "link", "set", "br0", "up");
      for (int i = 1; i <= hosts; i++) {
        String ns = ns(i);
        lab.netns(ns);
        ip("link", "add", "lbfv" + i, "netns", HUB, "type", "veth", "peer", "name", "eth0",
            "netns", ns);
        ip("-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
        ip("-n", ns, "link", "set", "eth0", "up");
        ip("-n", ns, "link", "set", "lo", "up");
        ip("-n", HUB, "link", "set", "lbfv" + i, "master", "br0");
        ip("-n", HUB, "link", "set", "lbfv" + i, "up");
      }
    } catch (RuntimeException | Error e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  static String ns(int host) {
    return PREFIX + host;
  }

  static String address(int host) {
    return "10.77.0." + host;
  }

  /** @return the NATS URL of host {@code i}'s server */
  static String url(int host) {
    return "nats://" + address(host) + ":4222";
  }

  private void netns(String name) {
    ip("netns", "add", name);
    namespaces.add(name);
  }

  /** Starts host {@code i}'s nats-server, with routes to every other host's. */
  void startNats(int i) {
    StringBuilder routes = new StringBuilder();
    for (int j = 1; j <= hosts; j++) {
      if (j != i) {
        routes.append(routes.length() == 0 ? "" : ", ").append("\"nats-route://")
            .append(address(j)).append(":6222\"");
      }
    }
    String conf = "server_name: lbf" + i + "\nlisten: " + address(i) + ":4222\n"
        + "cluster {\n  name: lbf\n  listen: " + address(i) + ":6222\n  routes: [ "
        + routes + " ]\n}\n";
    Path file = dir.resolve("nats" + i + ".conf");
    Path log = dir.resolve("nats" + i + ".log");
    try {
      Files.writeString(file, conf);
      nats[i] = new ProcessBuilder("ip", "netns", "exec", ns(i), natsServer().toString(), "-c",
          file.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitLog(log, "Server is ready", Duration.ofSeconds(10));
  }

  /** Kills host {@code i}'s nats-server at once (SIGKILL). */
  void killNats(int i) {
    kill(nats[i]);
    nats[i] = null;
  }

  /**
   * Starts host {@code i}'s node, connected to its own server first and then the others'.
   *
   * @param servers the hosts whose servers the node may use, its own first
   * @param extra further daemon flags
   */
  DaemonProcess startNode(int i, int[] servers, String... extra) {
    StringBuilder urls = new StringBuilder();
    for (int s : servers) {
      urls.append(urls.length() == 0 ? "" : ",").append(url(s));
    }
    List<String> args = new ArrayList<>(List.of("-B", socket(i).toString(), "-t", "10",
        "--federate", urls.toString(), "--node", "host" + i));
    args.addAll(Arrays.asList(extra));
    nodes[i] = DaemonProcess.startWith(List.of("ip", "netns", "exec", ns(i)), socket(i),
        List.of("-Xmx256m"), args.toArray(new String[0]));
    return nodes[i];
  }

  /** Starts the node of every host, each using every server, its own first. */
  void startNodes() {
    for (int i = 1; i <= hosts; i++) {
      int[] order = new int[hosts];
      order[0] = i;
      for (int j = 1, k = 1; j <= hosts; j++) {
        if (j != i) {
          order[k++] = j;
        }
      }
      startNode(i, order);
    }
  }

  /** Starts every server and every node and waits until each node reaches every other. */
  static Lab running(int hosts) {
    Lab lab = create(hosts);
    try {
      for (int i = 1; i <= hosts; i++) {
        lab.startNats(i);
      }
      lab.startNodes();
      lab.awaitMesh(Duration.ofSeconds(30));
      return lab;
    } catch (RuntimeException | Error e) {
      lab.close();
      throw e;
    }
  }

  /** Kills host {@code i}'s node at once (SIGKILL). */
  void killNode(int i) {
    nodes[i].process().destroyForcibly();
    try {
      nodes[i].process().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  DaemonProcess node(int i) {
    return nodes[i];
  }

  /** Takes host {@code i}'s link to the others down. */
  void cut(int i) {
    ip("-n", HUB, "link", "set", "lbfv" + i, "down");
  }

  /** Brings host {@code i}'s link back. */
  void restore(int i) {
    ip("-n", HUB, "link", "set", "lbfv" + i, "up");
  }

  /** @return host {@code i}'s node socket */
  Path socket(int i) {
    return dir.resolve("node" + i + ".sock");
  }

  /** @return a raw client registered as {@code name} on host {@code i}'s node */
  RawClient client(int i, String name) {
    return RawClient.register(UnixDomainSocketAddress.of(socket(i)), name);
  }

  /**
   * Waits until a direct message from every node reaches a client of every other node: the
   * servers' routes are up and every node has every other's names.
   */
  void awaitMesh(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<RawClient> probes = new ArrayList<>();
    try {
      for (int i = 1; i <= hosts; i++) {
        probes.add(client(i, "probe" + i));
      }
      for (int from = 1; from <= hosts; from++) {
        for (int to = 1; to <= hosts; to++) {
          if (from != to) {
            awaitReach(probes.get(from - 1), "probe" + to, deadline);
          }
        }
      }
    } finally {
      probes.forEach(RawClient::close);
    }
  }

  /** Sends QoS-1 messages to {@code target} until one is acknowledged with {@code 01}. */
  static void awaitReach(RawClient from, String target, long deadline) {
    int id = 1;
    while (true) {
      from.send(id, 0x52, target, "probe");
      byte[] ack = readAck(from, id);
      if (ack[5] == 0x01) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no path to " + target + ": last ACK " + RawClient.hex(ack));
      }
      sleep(100);
      id++;
    }
  }

  /** Reads frames until the ACK of {@code id}, skipping keep-alives and other deliveries. */
  static byte[] readAck(RawClient c, int id) {
    while (true) {
      byte[] f = c.readFrame(Duration.ofSeconds(15));
      if ((f[0] & 0xFF) == 0xFE && (f[1] & 0xFF | (f[2] & 0xFF) << 8 | (f[3] & 0xFF) << 16
          | (f[4] & 0xFF) << 24) == id) {
        return f;
      }
    }
  }

  /**
   * Reads deliveries from {@code sender} whose payload is {@code n} and a number, until nothing has
   * come for half a second.
   *
   * @return the numbers delivered
   */
  static Set<Integer> drainNumbered(RawClient c, String sender) {
    String prefix = sender + "\0n";
    Set<Integer> delivered = new HashSet<>();
    while (true) {
      byte[] f;
      try {
        f = c.readFrame(Duration.ofMillis(500));
      } catch (AssertionError quiet) {
        return delivered;
      }
      String body = new String(f, 6, f.length - 6, StandardCharsets.UTF_8);
      if (f[0] == 0x12 && body.startsWith(prefix)) {
        delivered.add(Integer.parseInt(body.substring(prefix.length())));
      }
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void awaitLog(Path log, String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return;
        }
      } catch (IOException e) {
        // not written yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in " + log + ": " + read(log));
      }
      sleep(20);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /** Stops every process, removes the namespaces and the files. */
  @Override
  public void close() {
    for (int i = 1; i <= hosts; i++) {
      if (nodes[i] != null) {
        // what went wrong on a node, for whoever reads a failed run
        nodes[i].output().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
            .forEach(l -> System.err.println(l));
        nodes[i].close();
      }
    }
    for (Process p : nats) {
      kill(p);
    }
    for (String ns : namespaces) {
      killInside(ns);
      run(false, "ip", "netns", "del", ns);
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  /** Removes namespaces named like this lab's that a run which died left, with their processes. */
  static void sweep() {
    String list = run(false, "ip", "netns", "list");
    for (String line : list.split("\n")) {
      String name = line.split(" ")[0].trim();
      if (name.startsWith(PREFIX)) {
        killInside(name);
        run(false, "ip", "netns", "del", name);
      }
    }
  }

  private static void killInside(String ns) {
    for (String pid : run(false, "ip", "netns", "pids", ns).split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static void kill(Process p) {
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Path natsServer() {
    for (String d : new String[] {"/usr/sbin", "/usr/bin", "/usr/local/bin"}) {
      Path p = Path.of(d, "nats-server");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return Path.of("/usr/sbin/nats-server");
  }

  private static void ip(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "ip";
    System.arraycopy(args, 0, cmd, 1, args.length);
    run(true, cmd);
  }

  private static String run(boolean check, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      if (check) {
        assertEquals(0, status, String.join(" ", cmd) + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the distribution tarball as an operator would use it: its entries (one top directory,
 * owned by root, launchers executable, the unit and the example configuration present), the
 * systemd unit's essential settings and that every variable its ExecStart uses is set in the
 * default configuration; then unpacks it, starts {@code bin/loombusd} with exactly the flags of
 * the unit and the default configuration (with {@code /run/loombus} moved to a temporary
 * directory, as systemd is not at hand), asks it {@code bin/loombus broker info}, and stops it
 * with SIGTERM. The install script ({@code ./dev install}) must put the image under a prefix
 * whose {@code bin/loombus}, a link, answers too. Finally the example rules file must be
 * accepted by {@code --aaa}.
 *
 * <p>Run with any JDK 21+ as a single-file program:
 * {@code java jlink/src/check/DistributionTest.java jlink/target scripts/install.sh}: the
 * directory holding the one {@code loombus-VERSION-OS-ARCH.tar.gz}, and the install script.
 * Exits 0 on success, 1 with the reason otherwise. Needs GNU tar.
 */
public final class DistributionTest {
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z_]+)");

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java DistributionTest.java DIRECTORY_WITH_TARBALL INSTALL_SCRIPT");
      System.exit(2);
    }
    List<Path> tarballs;
    try (Stream<Path> files = Files.list(Path.of(args[0]).toAbsolutePath())) {
      tarballs = files.filter(p -> p.getFileName().toString().matches("loombus-.*\\.tar\\.gz"))
          .toList();
    }
    if (tarballs.size() != 1) {
      System.err.println("distribution test FAILED: not one loombus-*.tar.gz in " + args[0]
          + ": " + tarballs);
      System.exit(1);
    }
    Path tarball = tarballs.get(0);
    Path dir = Files.createTempDirectory("loombus-dist");
    String failure = null;
    try {
      check(tarball, dir, Path.of(args[1]).toAbsolutePath());
    } catch (Exception | AssertionError e) {
      failure = e.getMessage();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
    if (failure != null) {
      System.err.println("distribution test FAILED: " + failure);
      System.exit(1);
    }
    System.out.println("distribution test passed: " + tarball.getFileName()
        + " unpacked, started with the default configuration, answered, stopped cleanly");
  }

  private static void check(Path tarball, Path dir, Path installScript) throws Exception {
    String top = tarball.getFileName().toString().replaceFirst("-[a-z]+-[a-z0-9_]+\\.tar\\.gz$", "");
    Map<String, String> modes = entries(tarball, top);
    for (String exe : List.of("bin/loombusd", "bin/loombus", "bin/java")) {
      expectMode(modes, top + "/" + exe, "-rwxr-xr-x");
    }
    for (String file : List.of("systemd/loombusd.service", "etc/loombusd.conf",
        "etc/aaa.properties", "etc/tinylog.properties", "README.md", "docs/daemon.md",
        "docs/protocol.md", "CHANGELOG.md", "module-info.md", "lib/modules",
        "lib/server/classes.jsa")) {
      expectMode(modes, top + "/" + file, "-rw-r--r--");
    }

    run(dir, "tar", "-xzf", tarball.toString(), "-C", dir.toString());
    Path home = dir.resolve(top);
    Map<String, String> unit = serviceSection(home.resolve("systemd/loombusd.service"));
    Map<String, String> expected = Map.of("Type", "exec", "Restart", "on-failure",
        "User", "loombus", "Group", "loombus", "RuntimeDirectory", "loombus",
        "EnvironmentFile", "/etc/loombus/loombusd.conf", "ExecReload", "/bin/kill -HUP $MAINPID");
    expected.forEach((key, value) -> {
      if (!value.equals(unit.get(key))) {
        throw new AssertionError("unit: " + key + "=" + unit.get(key) + ", expected " + value);
      }
    });
    String execStart = unit.get("ExecStart");
    if (execStart == null || !execStart.startsWith("/opt/loombus/bin/loombusd ")) {
      throw new AssertionError("unit: ExecStart=" + execStart);
    }

    Map<String, String> conf = environmentFile(home.resolve("etc/loombusd.conf"));
    Path run = Files.createDirectory(dir.resolve("run"));
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/loombusd").toString()));
    Matcher m = VARIABLE.matcher(execStart);
    while (m.find()) {
      String value = conf.get(m.group(1));
      if (value == null) {
        throw new AssertionError("ExecStart uses $" + m.group(1) + ", not set in loombusd.conf");
      }
      for (String word : value.split("\\s+")) {
        if (!word.isEmpty()) {
          command.add(word.replace("/run/loombus", run.toString()));
        }
      }
    }
    Path socket = run.resolve("loombus.sock");
    if (!command.contains(socket.toString())) {
      throw new AssertionError("the default configuration does not bind /run/loombus/loombus.sock");
    }
    Process daemon = start(dir, command, conf.getOrDefault("LOOMBUS_JAVA_OPTS", ""), socket);
    try {
      String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(socket));
      if (!mode.equals("rw-rw----")) {
        throw new AssertionError("socket mode " + mode + ", expected rw-rw----");
      }
      String info = run(dir, home.resolve("bin/loombus").toString(), socket.toString(),
          "broker", "info");
      if (!info.contains("Loombus")) {
        throw new AssertionError("bin/loombus broker info printed: " + info);
      }
      checkInstall(tarball, dir, installScript, top, socket);
      stop(daemon, dir, socket);
    } finally {
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }

    Process withRules = start(dir, List.of(home.resolve("bin/loombusd").toString(),
        "-B", socket.toString(), "--aaa", home.resolve("etc/aaa.properties").toString()), "",
        socket);
    try {
      stop(withRules, dir, socket);
    } finally {
      withRules.destroyForcibly();
      withRules.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Installs under a fresh prefix as a user would; its linked tool must reach the daemon. */
  private static void checkInstall(Path tarball, Path dir, Path script, String top, Path socket)
      throws Exception {
    Path prefix = dir.resolve("prefix");
    run(dir, "sh", script.toString(), tarball.toString(), prefix.toString());
    if (!Files.isDirectory(prefix.resolve("lib").resolve(top).resolve("bin"))
        || !Files.isSymbolicLink(prefix.resolve("lib/loombus"))) {
      throw new AssertionError("install: no " + top + " with lib/loombus linked to it");
    }
    for (String name : List.of("loombusd", "loombus")) {
      if (!Files.isSymbolicLink(prefix.resolve("bin").resolve(name))) {
        throw new AssertionError("install: bin/" + name + " is not a link");
      }
    }
    if (Files.exists(prefix.resolve("bin/java"), LinkOption.NOFOLLOW_LINKS)) {
      throw new AssertionError("install: the image's java was linked into bin/");
    }
    String info = run(dir, prefix.resolve("bin/loombus").toString(), socket.toString(), "broker",
        "info");
    if (!info.contains("Loombus")) {
      throw new AssertionError("installed bin/loombus broker info printed: " + info);
    }
  }

  /** Lists the tarball: path to mode string; asserts one top directory and owner root. */
  private static Map<String, String> entries(Path tarball, String top) throws Exception {
    Map<String, String> modes = new LinkedHashMap<>();
    String listing = run(tarball.getParent(), "tar", "--numeric-owner", "-tvzf",
        tarball.toString());
    for (String line : listing.split("\n")) {
      String[] f = line.trim().split("\\s+", 6);
      if (f.length < 6) {
        continue;
      }
      String path = f[5].replaceFirst(" -> .*$", "").replaceFirst("/$", "");
      if (!path.equals(top) && !path.startsWith(top + "/")) {
        throw new AssertionError("entry outside " + top + "/: " + path);
      }
      if (!f[1].equals("0/0")) {
        throw new AssertionError("entry not owned by root: " + line);
      }
      modes.put(path, f[0]);
    }
    return modes;
  }

  private static void expectMode(Map<String, String> modes, String path, String mode) {
    if (!modes.containsKey(path)) {
      throw new AssertionError("tarball lacks " + path);
    }
    if (!modes.get(path).equals(mode)) {
      throw new AssertionError(path + " has mode " + modes.get(path) + ", expected " + mode);
    }
  }

  /** The [Service] settings of a unit file. */
  private static Map<String, String> serviceSection(Path unit) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    boolean inService = false;
    for (String line : Files.readAllLines(unit)) {
      line = line.strip();
      if (line.startsWith("[")) {
        inService = line.equals("[Service]");
      } else if (inService && !line.isEmpty() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        settings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return settings;
  }

  /** NAME="value" lines as systemd's EnvironmentFile reads them (quotes removed). */
  private static Map<String, String> environmentFile(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      env.put(line.substring(0, eq).strip(), value);
    }
    return env;
  }

  private static Process start(Path dir, List<String> command, String javaOpts, Path socket)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().put("LOOMBUS_JAVA_OPTS", javaOpts);
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        return p;
      } catch (IOException notYet) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not start: "
              + Files.readString(dir.resolve("stdout.txt"))
              + Files.readString(dir.resolve("stderr.txt")));
        }
        Thread.sleep(20);
      }
    }
  }

  private static void stop(Process daemon, Path dir, Path socket) throws Exception {
    daemon.destroy();
    if (!daemon.waitFor(20, TimeUnit.SECONDS) || daemon.exitValue() != 0) {
      throw new AssertionError("loombusd did not exit with 0 on SIGTERM");
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    if (!stderr.isEmpty()) {
      throw new AssertionError("loombusd wrote to stderr: " + stderr);
    }
    if (Files.exists(socket)) {
      throw new AssertionError("socket file left behind");
    }
  }

  /** Runs a command to its end; its output, or an AssertionError with it if it failed. */
  private static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}

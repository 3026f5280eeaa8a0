import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long the image's {@code bin/loombusd} takes from process start until it serves a
 * client: until a Unix-socket connect succeeds, and until the broker's greeting {@code EB 01 00}
 * has arrived. Each run also checks that the daemon wrote nothing to stderr and that SIGTERM ends
 * it with status 0 and removes its socket file.
 *
 * <p>Run with any JDK 21+ as a single-file program:
 * {@code java jlink/src/check/StartupTime.java jlink/target/loombus [runs]}. The child inherits
 * the environment, so {@code LOOMBUS_JAVA_OPTS} can be used to compare JVM options.
 */
public final class StartupTime {
  private static final long POLL_NANOS = 500_000;
  private static final long LIMIT_NANOS = 20_000_000_000L;

  private record Run(double connectMs, double greetingMs) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java StartupTime.java IMAGE_DIR [RUNS (default 7)]");
      System.exit(2);
    }
    Path launcher = Path.of(args[0], "bin", "loombusd").toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("loombus-startup");
    List<Run> results = new ArrayList<>();
    try {
      for (int i = 0; i < runs; i++) {
        Run r = once(launcher, dir);
        results.add(r);
        System.out.printf("run %d: connect %6.1f ms, greeting %6.1f ms%n",
            i + 1, r.connectMs(), r.greetingMs());
      }
    } finally {
      Files.deleteIfExists(dir.resolve("err.txt"));
      Files.deleteIfExists(dir);
    }
    System.out.printf("median of %d: connect %.1f ms, greeting %.1f ms%n", runs,
        median(results.stream().mapToDouble(Run::connectMs).toArray()),
        median(results.stream().mapToDouble(Run::greetingMs).toArray()));
  }

  private static Run once(Path launcher, Path dir) throws Exception {
    Path socket = dir.resolve("startup.sock");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "-B", socket.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    try {
      SocketChannel ch = connect(socket, p, start);
      long connected = System.nanoTime();
      try (ch) {
        ByteBuffer greeting = ByteBuffer.allocate(3);
        while (greeting.hasRemaining()) {
          if (ch.read(greeting) < 0) {
            throw new IllegalStateException("connection closed before the greeting");
          }
        }
        if ((greeting.get(0) & 0xFF) != 0xEB) {
          throw new IllegalStateException("unexpected greeting byte " + greeting.get(0));
        }
      }
      long greeted = System.nanoTime();
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("loombusd did not exit within 10 s of SIGTERM");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("loombusd exited with " + p.exitValue());
      }
      String stderr = Files.readString(err);
      if (!stderr.isEmpty()) {
        throw new IllegalStateException("loombusd wrote to stderr:\n" + stderr);
      }
      if (Files.exists(socket)) {
        throw new IllegalStateException("socket file left behind: " + socket);
      }
      return new Run((connected - start) / 1e6, (greeted - start) / 1e6);
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(socket);
    }
  }

  private static SocketChannel connect(Path socket, Process p, long start) throws Exception {
    UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
    while (System.nanoTime() - start < LIMIT_NANOS) {
      try {
        return SocketChannel.open(address);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("loombusd exited with " + p.exitValue());
        }
        Thread.sleep(0, (int) POLL_NANOS);
      }
    }
    throw new IllegalStateException("loombusd did not listen within 20 s");
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}

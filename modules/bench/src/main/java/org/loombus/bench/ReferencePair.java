package org.loombus.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference broker and its own benchmark tool, measured in the same run as Loombus
 * ({@code ./dev perf --reference DIR}): {@code DIR/busrtd} in a process of its own, and
 * {@code DIR/busrt benchmark -w 8} against it. The machine's speed drifts from hour to hour, so a
 * ratio to the reference is only meaningful when both were measured in one invocation. The build
 * is the user's: nothing of the reference is part of this project.
 */
final class ReferencePair implements AutoCloseable {
  /**
   * The reference daemon's {@code --queue-size}. With its default of 8,192 frames it
   * force-unregisters the tool's own receivers in send+recv.qos.no at 1,000,000 iterations, and
   * its tool then stops before send+recv.qos.processed; the queue's size does not change the
   * other stages (medians of 3 runs with 8,192 and 262,144 differed by less than their spread).
   */
  static final int QUEUE_SIZE = 262_144;
  private final BusrtTool tool;
  private final Path socket;
  private final ChildProcess daemon;

  private ReferencePair(BusrtTool tool, Path socket, ChildProcess daemon) {
    this.tool = tool;
    this.socket = socket;
    this.daemon = daemon;
  }

  /**
   * @param dir where the reference's {@code busrtd} and {@code busrt} executables are
   * @param socket the Unix socket its daemon listens on
   * @return the running daemon, ready for {@link #benchmark}
   * @throws Exception if either executable is missing or the daemon does not start
   */
  static ReferencePair start(Path dir, Path socket) throws Exception {
    for (String name : List.of("busrtd", "busrt")) {
      if (!Files.isExecutable(dir.resolve(name))) {
        throw new IOException("--reference " + dir + ": no executable " + name + " there");
      }
    }
    ChildProcess daemon = ChildProcess.program(List.of(dir.resolve("busrtd").toString(),
        "-B", socket.toString(), "--queue-size", Integer.toString(QUEUE_SIZE)));
    try {
      PerfMain.awaitSocket(socket);
    } catch (Exception e) {
      daemon.close();
      throw e;
    }
    return new ReferencePair(new BusrtTool(dir.resolve("busrt")), socket, daemon);
  }

  /** @return the reference daemon's process id */
  long pid() {
    return daemon.pid();
  }

  /** @return the reference daemon */
  ChildProcess daemon() {
    return daemon;
  }

  /** @return its Unix socket */
  Path socket() {
    return socket;
  }

  /** @return the reference's tool */
  BusrtTool tool() {
    return tool;
  }

  /**
   * Runs the reference tool's benchmark once: all seven stages, one after another, 8 workers,
   * {@code payload}-byte payloads.
   *
   * @param iterations per stage
   * @param payload payload bytes
   * @param out where a stage the tool did not complete is reported
   * @return iterations per second by stage name, for every stage it completed
   * @throws Exception if the tool cannot run or runs for more than an hour
   */
  Map<String, Double> benchmark(long iterations, int payload, PrintStream out) throws Exception {
    Map<String, Double> rates = new LinkedHashMap<>();
    tool.run(socket, 8, iterations, payload, null).forEach((k, v) -> rates.put(k, v.rate()));
    if (rates.size() < 7) {
      out.printf(Locale.ROOT, "the reference tool stopped after %d stages%n", rates.size());
    }
    return rates;
  }

  @Override
  public void close() throws IOException {
    daemon.close();
    Files.deleteIfExists(socket);
  }
}

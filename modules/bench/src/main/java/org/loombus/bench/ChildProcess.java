package org.loombus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process of its own for what is measured (the daemon, an echo server, the {@code loombus}
 * tool, the reference broker and its tool), as it runs in production. Its output goes to a
 * temporary file, read when it ends.
 */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * A JVM on this bench's own module path.
   *
   * @param jvmOptions options before {@code -m}
   * @param module {@code module/class} to run
   * @param args its arguments
   * @return the running process
   * @throws IOException if it cannot start
   */
  static ChildProcess jvm(List<String> jvmOptions, String module, List<String> args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Dmsgpack.universal-buffer=true");
    cmd.addAll(jvmOptions);
    cmd.add("-p");
    cmd.add(System.getProperty("jdk.module.path"));
    cmd.add("-m");
    cmd.add(module);
    cmd.addAll(args);
    return program(cmd);
  }

  /**
   * @param command the program and its arguments
   * @return the running process
   * @throws IOException if it cannot start
   */
  static ChildProcess program(List<String> command) throws IOException {
    Path log = Files.createTempFile("loombus-bench-child", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return new ChildProcess(p, log);
  }

  /** @return whether it still runs */
  boolean isAlive() {
    return process.isAlive();
  }

  /** @return the process id */
  long pid() {
    return process.pid();
  }

  /**
   * Waits for the process to end by itself.
   *
   * @param seconds how long at most
   * @return its output
   * @throws IOException if it fails or takes longer
   * @throws InterruptedException if interrupted
   */
  String awaitOutput(long seconds) throws IOException, InterruptedException {
    int status = awaitExit(seconds);
    if (status != 0) {
      throw new IOException("exit status " + status + ": " + output());
    }
    return output();
  }

  /**
   * Waits for the process to end by itself, whatever its exit status.
   *
   * @param seconds how long at most
   * @return its exit status
   * @throws IOException if it takes longer
   * @throws InterruptedException if interrupted
   */
  int awaitExit(long seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IOException("still running after " + seconds + " s: " + output());
    }
    return process.exitValue();
  }

  /** @return what it printed so far */
  String output() throws IOException {
    return Files.readString(log);
  }

  /** @return its CPU time so far (user + system), in seconds, from {@code /proc} */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 14 and 15 of stat (utime, stime), counted from the state field as 3
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  /**
   * Closes its standard input: how Aldrin's conformance hosts are told to stop.
   *
   * @throws IOException if the pipe cannot be closed
   */
  void closeInput() throws IOException {
    process.getOutputStream().close();
  }

  /** @return its resident memory in KiB, from {@code /proc} */
  long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for process " + pid());
  }

  @Override
  public void close() throws IOException {
    process.destroy(); // SIGTERM: the daemon cleans up its socket file
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}

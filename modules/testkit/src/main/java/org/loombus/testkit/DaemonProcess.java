package org.loombus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code loombusd} as a separate process, started from this JVM's module path (the modules under
 * test), with its output captured to a file. For what only a process shows: signals, exit status,
 * pid and socket files.
 */
public final class DaemonProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the daemon and, if {@code waitFor} is given, waits until that Unix socket accepts.
   *
   * @param waitFor a socket path to wait for, or {@code null}
   * @param args daemon flags
   * @return the running daemon
   */
  public static DaemonProcess start(Path waitFor, String... args) {
    return start(waitFor, List.of(), args);
  }

  /**
   * Starts the daemon with JVM options, e.g. the image launcher's heap limits.
   *
   * @param waitFor a socket path to wait for, or {@code null}
   * @param jvmOptions options for the daemon's JVM, before the module
   * @param args daemon flags
   * @return the running daemon
   */
  public static DaemonProcess start(Path waitFor, List<String> jvmOptions, String... args) {
    String modulePath = modulePath();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dmsgpack.universal-buffer=true"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-p", modulePath, "-m", "org.loombus.daemon/org.loombus.daemon.Daemon"));
    cmd.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("loombusd", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      DaemonProcess d = new DaemonProcess(p, log);
      if (waitFor != null) {
        d.awaitSocket(waitFor, Duration.ofSeconds(20));
      }
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Classes of the modules the daemon needs; their jars (or class folders) form its module path. */
  private static final List<String> DAEMON_MODULES = List.of(
      "org.loombus.daemon.Daemon", "org.loombus.server.BrokerServer",
      "org.loombus.broker.service.CoreRpc", "org.loombus.management.BrokerJmx",
      "org.loombus.broker.Broker", "org.loombus.protocol.Frame", "org.loombus.rpc.RpcClient",
      "org.msgpack.core.MessagePack", "org.tinylog.Logger",
      "org.tinylog.core.TinylogLoggingProvider");

  /**
   * Where the daemon's modules are in this JVM, whether the test runs them on the module path or
   * the class path (a test of another module sees the daemon only as a test dependency).
   */
  private static String modulePath() {
    List<String> entries = new ArrayList<>();
    for (String name : DAEMON_MODULES) {
      try {
        Class<?> c = Class.forName(name, false, DaemonProcess.class.getClassLoader());
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
      } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + name + " for the daemon", e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private void awaitSocket(Path socket, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("loombusd exited with " + process.exitValue() + ": " + output());
      }
      try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new AssertionError("loombusd did not listen on " + socket + ": " + output());
  }

  /** @return the process */
  public Process process() {
    return process;
  }

  /** Sends SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /**
   * @param timeout how long to wait
   * @return the exit status
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("loombusd did not exit: " + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until the daemon has printed {@code text}.
   *
   * @param text what to wait for
   * @param timeout how long at most
   * @throws AssertionError with the output so far if it does not come in time
   */
  public void awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in: " + output());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for '" + text + "'", e);
      }
    }
  }

  /** @return everything the daemon printed so far */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Kills the daemon if still running and removes its log. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // leftover log file in the temp directory is harmless
    }
  }
}

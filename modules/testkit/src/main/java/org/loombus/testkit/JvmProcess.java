package org.loombus.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java program as a separate process whose module path holds exactly the modules a test names,
 * found where this JVM loads them from (jars or class folders), with its output captured to a
 * file. So a test can show that a program runs with only its own modules, and see what only a
 * process shows: exit status, signals, files left behind.
 */
public class JvmProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String what;

  /**
   * A started process and the file its standard output and error go to.
   *
   * @param process the running process
   * @param log its output
   */
  protected record Launched(Process process, Path log) {}

  /**
   * @param launched the started process
   * @param what how messages name it
   */
  protected JvmProcess(Launched launched, String what) {
    this.process = launched.process();
    this.log = launched.log();
    this.what = what;
  }

  /**
   * Starts {@code java -p MODULES -m MAIN ARGS}.
   *
   * @param modules one class of each module the program may see, e.g.
   *     {@code "org.loombus.client.BusClients"}; their locations form its module path
   * @param main the module and main class, {@code module/class}
   * @param jvmOptions options before the module, e.g. heap limits
   * @param args the program's arguments
   * @return the running program
   */
  public static JvmProcess start(List<String> modules, String main, List<String> jvmOptions,
      List<String> args) {
    String name = main.substring(main.lastIndexOf('.') + 1);
    return new JvmProcess(launch(modules, main, jvmOptions, args, name), name);
  }

  /**
   * Starts {@code java -p MODULES -m MAIN ARGS} with its output going to a new temporary file.
   *
   * @param modules one class of each module the program may see
   * @param main the module and main class
   * @param jvmOptions options before the module
   * @param args the program's arguments
   * @param name the log file's prefix
   * @return the started process
   */
  protected static Launched launch(List<String> modules, String main, List<String> jvmOptions,
      List<String> args, String name) {
    return launch(List.of(), modules, main, jvmOptions, args, name);
  }

  /**
   * Starts {@code PREFIX... java -p MODULES -m MAIN ARGS}, e.g. with the prefix
   * {@code ip netns exec NS} inside a network namespace.
   *
   * @param prefix the command that runs java, or empty
   * @param modules one class of each module the program may see
   * @param main the module and main class
   * @param jvmOptions options before the module
   * @param args the program's arguments
   * @param name the log file's prefix
   * @return the started process
   */
  protected static Launched launch(List<String> prefix, List<String> modules, String main,
      List<String> jvmOptions, List<String> args, String name) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dmsgpack.universal-buffer=true"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-p", modulePath(modules), "-m", main));
    cmd.addAll(args);
    try {
      Path log = Files.createTempFile(name, ".log");
      return new Launched(new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param classes one class of each module
   * @return the module path that holds exactly those modules, as this JVM finds them
   */
  public static String modulePath(List<String> classes) {
    List<String> entries = new ArrayList<>();
    for (String name : classes) {
      try {
        Class<?> c = Class.forName(name, false, JvmProcess.class.getClassLoader());
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString());
      } catch (ReflectiveOperationException | URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + name + " for the process", e);
      }
    }
    return String.join(File.pathSeparator, entries);
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
   * @throws AssertionError with the output if it does not exit in time
   */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(what + " did not exit: " + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits until the process has printed {@code text}.
   *
   * @param text what to wait for
   * @param timeout how long at most
   * @throws AssertionError with the output so far if it does not come in time, or the process
   *     exits first
   */
  public void awaitOutput(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (System.nanoTime() > deadline || !process.isAlive() && !output().contains(text)) {
        throw new AssertionError("no '" + text + "' from " + what + " in: " + output());
      }
      pause();
    }
  }

  /** Closes the process's standard input, which tells some programs to end. */
  public void closeInput() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return everything the process printed so far */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Waits a little between two looks at the process. */
  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Kills the process if still running and removes its log. */
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

package org.loombus.testkit;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code loombusd} as a separate process, started from this JVM's module path (the modules under
 * test), with its output captured to a file. For what only a process shows: signals, exit status,
 * pid and socket files.
 */
public final class DaemonProcess extends JvmProcess {
  /** One class of each module the daemon needs; their jars (or class folders) form its path. */
  private static final List<String> DAEMON_MODULES = List.of(
      "org.loombus.daemon.Daemon", "org.loombus.server.BrokerServer",
      "org.loombus.broker.service.CoreRpc", "org.loombus.management.BrokerJmx",
      "org.loombus.broker.Broker", "org.loombus.protocol.Frame", "org.loombus.rpc.RpcClient",
      "org.loombus.aldrin.broker.AldrinBroker", "org.loombus.aldrin.protocol.MessageCodec",
      "org.loombus.federation.Federation", "io.nats.client.Nats",
      "org.msgpack.core.MessagePack", "org.tinylog.Logger",
      "org.tinylog.core.TinylogLoggingProvider");

  private DaemonProcess(Launched launched) {
    super(launched, "loombusd");
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
    return startWith(List.of(), waitFor, jvmOptions, args);
  }

  /**
   * Starts the daemon through a command that runs it, e.g. {@code ip netns exec NS} to run it
   * inside a network namespace (its Unix sockets stay reachable from here).
   *
   * @param prefix the command before {@code java}
   * @param waitFor a socket path to wait for, or {@code null}
   * @param jvmOptions options for the daemon's JVM, before the module
   * @param args daemon flags
   * @return the running daemon
   */
  public static DaemonProcess startWith(List<String> prefix, Path waitFor, List<String> jvmOptions,
      String... args) {
    DaemonProcess d = new DaemonProcess(launch(prefix, DAEMON_MODULES,
        "org.loombus.daemon/org.loombus.daemon.Daemon", jvmOptions, List.of(args), "loombusd"));
    if (waitFor != null) {
      d.awaitSocket(waitFor, Duration.ofSeconds(20));
    }
    return d;
  }

  /**
   * Starts another program of the daemon's module on the daemon's module path, e.g. the Aldrin
   * test host.
   *
   * @param mainClass the program's class in {@code org.loombus.daemon}
   * @param args its arguments
   * @return the running program
   */
  public static JvmProcess startProgram(String mainClass, String... args) {
    return JvmProcess.start(DAEMON_MODULES, "org.loombus.daemon/" + mainClass, List.of(),
        List.of(args));
  }

  private void awaitSocket(Path socket, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process().isAlive()) {
        throw new AssertionError("loombusd exited with " + process().exitValue() + ": "
            + output());
      }
      try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    throw new AssertionError("loombusd did not listen on " + socket + ": " + output());
  }
}

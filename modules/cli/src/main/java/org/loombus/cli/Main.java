package org.loombus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.loombus.client.ClientConfig;

/**
 * {@code loombus}: the command-line tool, the counterpart of the reference {@code busrt} tool
 * (docs/protocol.md §10.1). Exit status 0 on success, 1 when the operation failed, 2 on a
 * command-line error; every error is one line on stderr.
 */
public final class Main {
  static final String USAGE = """
      Usage: loombus [SOCKET] [options] COMMAND       (busrt's command line: busrt SOCKET [options] COMMAND)

        SOCKET             the broker (default /tmp/loombus.sock): a path starting with / or
                           ending in .sock, .socket or .ipc is a Unix socket, anything else
                           host:port; may also be given as --socket SOCKET
        -n, --name NAME    client name (default cli.<hostname>.<pid>)
            --timeout S    seconds for connecting and for each awaited operation (default 5)
            --buf-size N   the client's write buffer in bytes (default 8192)
            --queue-size N the client's incoming queue in frames (default 8192)
            --token T      WebSocket bearer token (accepted as busrt does; unused on sockets)
        -v, --verbose      the client library's log on standard error
        -s, --silent       results as raw data: MessagePack as compact JSON, text and binary as
                           they are (for scripts)
        -V, --version      print the version

      Commands (each has --help):
        listen [-t TOPIC]... [--exclude TOPIC]...    print incoming frames
        send TARGET [PAYLOAD]                         direct message (broadcast if TARGET has * or ?)
        publish TOPIC [PAYLOAD]                       publish
        rpc listen|notify|call0|call ...              RPC
        broker info|stats|test|client.list            the broker's own RPC
        benchmark [-w WORKERS] [--payload-size N] [-i ITERS] [--stage NAME]...
      """;

  private static final java.util.Set<String> COMMANDS =
      java.util.Set.of("listen", "send", "publish", "rpc", "broker", "benchmark");

  private Main() {}

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    List<String> words = Arrays.asList(args);
    quietLogging(words.contains("--verbose") || words.contains("-v"));
    int status = run(args, System.out, System.err, System.in);
    System.out.flush();
    System.exit(status);
  }

  /**
   * The client library logs through System.Logger, which the image routes to tinylog; a tool's
   * output is its answer, so library logging is off unless {@code --verbose} asks for it. Must run
   * before anything logs (tinylog reads these properties once).
   */
  private static void quietLogging(boolean verbose) {
    System.setProperty("tinylog.writer", "console");
    System.setProperty("tinylog.writer.stream", "err");
    System.setProperty("tinylog.writer.format", "{date: HH:mm:ss.SSS} {level} {tag}: {message}");
    System.setProperty("tinylog.level", verbose ? "trace" : "off");
  }

  /**
   * @param args the command line
   * @param out standard output
   * @param err standard error
   * @param in standard input
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    try {
      return dispatch(new ArrayList<>(Arrays.asList(args)), out, err, in);
    } catch (CliException e) {
      err.println("loombus: " + e.getMessage());
      return e.status();
    } catch (InterruptedException e) {
      err.println("loombus: interrupted");
      return 1;
    }
  }

  private static int dispatch(List<String> words, PrintStream out, PrintStream err,
      InputStream in) throws CliException, InterruptedException {
    String socket = null;
    String name = null;
    Duration timeout = Duration.ofSeconds(5);
    Integer bufSize = null;
    Integer queueSize = null;
    boolean silent = false;
    Args a = new Args(words);
    // As with busrt (clap), the socket is a positional word that may stand before, between or
    // after the global options, up to the command.
    while (a.hasNext() && !COMMANDS.contains(a.peek())) {
      if (!a.peek().startsWith("-")) {
        if (socket != null) {
          throw CliException.usage("unknown command '" + a.peek() + "' (see --help)");
        }
        socket = a.next("socket");
        continue;
      }
      String flag = a.flag();
      switch (flag) {
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        case "-V", "--version" -> {
          out.println("loombus " + version());
          return 0;
        }
        case "--socket" -> socket = a.value(flag);
        case "-n", "--name" -> name = a.value(flag);
        case "--timeout" -> timeout = seconds(flag, a.value(flag));
        case "--buf-size" -> bufSize = a.intValue(flag, 1);
        case "--queue-size" -> queueSize = a.intValue(flag, 1);
        case "--token" -> a.value(flag); // busrt's client sends it only in a WebSocket upgrade
        case "-s", "--silent" -> silent = true;
        case "-v", "--verbose" -> { } // read before anything logs, in main
        default -> throw CliException.usage("unknown option '" + flag + "' (see --help)");
      }
    }
    ClientConfig.Builder client = ClientConfig.builder(socket != null ? socket : Cli.DEFAULT_SOCKET,
        name != null ? name : Cli.defaultName()).timeout(timeout);
    if (bufSize != null) {
      client.bufSize(bufSize);
    }
    if (queueSize != null) {
      client.queueSize(queueSize);
    }
    Cli cli;
    try {
      cli = new Cli(client.build(), silent, out, err, in);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
    String command = a.next("command");
    return switch (command) {
      case "listen" -> BusCommands.listen(cli, a);
      case "send" -> BusCommands.send(cli, a);
      case "publish" -> BusCommands.publish(cli, a);
      case "rpc" -> RpcCommands.run(cli, a);
      case "broker" -> BrokerCommands.run(cli, a);
      case "benchmark" -> Benchmark.run(cli, a);
      default -> throw CliException.usage("unknown command '" + command + "' (see --help)");
    };
  }

  private static Duration seconds(String flag, String v) throws CliException {
    try {
      double secs = Double.parseDouble(v);
      if (!(secs > 0)) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos((long) (secs * 1e9));
    } catch (NumberFormatException e) {
      throw CliException.usage(flag + ": '" + v + "' is not a positive number of seconds");
    }
  }

  private static String version() {
    return Main.class.getModule().getDescriptor() != null
        ? Main.class.getModule().getDescriptor().rawVersion().orElse("unknown") : "unknown";
  }
}

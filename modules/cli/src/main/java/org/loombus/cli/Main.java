package org.loombus.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code loombus}: the command-line tool, the counterpart of the reference {@code busrt} tool
 * (docs/protocol.md §10.1). Exit status 0 on success, 1 when the operation failed, 2 on a
 * command-line error; every error is one line on stderr.
 */
public final class Main {
  static final String USAGE = """
      Usage: loombus [-s|--socket PATH|HOST:PORT] [-n|--name NAME] [--timeout SECONDS] COMMAND
             loombus PATH|HOST:PORT [options] COMMAND

        -s, --socket   the broker (default /tmp/loombus.sock); a path starting with / or ending
                       in .sock, .socket or .ipc is a Unix socket, anything else host:port
        -n, --name     client name (default cli.<hostname>.<pid>)
            --timeout  seconds for connecting and for each awaited operation (default 5)

      Commands (each has --help):
        listen [-t TOPIC]... [--exclude TOPIC]...    print incoming frames
        send TARGET [PAYLOAD]                         direct message (broadcast if TARGET has * or ?)
        publish TOPIC [PAYLOAD]                       publish
        rpc listen|notify|call0|call ...              RPC
        broker info|stats|test|client.list            the broker's own RPC
        benchmark [-w WORKERS] [--payload-size N] [-i ITERS] [--target NAME]
      """;

  private Main() {}

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    quietLogging(Arrays.asList(args).contains("--verbose"));
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
    String socket = Cli.DEFAULT_SOCKET;
    String name = null;
    Duration timeout = Duration.ofSeconds(5);
    Args a = new Args(words);
    if (a.hasNext() && looksLikeAddress(a.peek())) {
      socket = a.next("socket");
    }
    while (a.hasNext() && a.peek().startsWith("-")) {
      String flag = a.next("option");
      switch (flag) {
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        case "-s", "--socket" -> socket = a.value(flag);
        case "-n", "--name" -> name = a.value(flag);
        case "--timeout" -> {
          String v = a.value(flag);
          try {
            double secs = Double.parseDouble(v);
            if (!(secs > 0)) {
              throw new NumberFormatException();
            }
            timeout = Duration.ofNanos((long) (secs * 1e9));
          } catch (NumberFormatException e) {
            throw CliException.usage(flag + ": '" + v + "' is not a positive number of seconds");
          }
        }
        case "-v", "--verbose", "--silent" -> { } // accepted for busrt compatibility
        default -> throw CliException.usage("unknown option '" + flag + "' (see --help)");
      }
    }
    Cli cli = new Cli(socket, name != null ? name : Cli.defaultName(), timeout, out, err, in);
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

  private static boolean looksLikeAddress(String w) {
    return !w.startsWith("-") && (w.startsWith("/") || w.endsWith(".sock")
        || w.endsWith(".socket") || w.endsWith(".ipc") || w.matches(".+:\\d+"));
  }
}

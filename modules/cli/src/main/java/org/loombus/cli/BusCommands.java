package org.loombus.cli;

import java.util.ArrayList;
import java.util.List;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/** {@code listen}, {@code send} and {@code publish}. */
final class BusCommands {
  private BusCommands() {}

  static int listen(Cli cli, Args a) throws CliException, InterruptedException {
    List<String> topics = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    while (a.hasNext()) {
      String flag = a.flag();
      switch (flag) {
        case "-t", "--topic", "--topics" -> topics.add(a.value(flag));
        case "--exclude" -> excluded.add(a.value(flag));
        case "-h", "--help" -> {
          cli.out().println("Usage: loombus listen [-t TOPIC]... [--exclude TOPIC]...\n"
              + "Prints every frame that arrives: direct messages, broadcasts, publications to the"
              + " given topic masks. Runs until interrupted.");
          return 0;
        }
        default -> throw CliException.usage("listen: unknown option '" + flag + "'");
      }
    }
    try (BusClient bus = cli.connect()) {
      if (!excluded.isEmpty()) {
        check(cli, bus.exclude(excluded, Qos.PROCESSED), "exclude");
      }
      if (!topics.isEmpty()) {
        check(cli, bus.subscribe(topics, Qos.PROCESSED), "subscribe");
      }
      while (true) {
        Frame f;
        try {
          f = bus.receive();
        } catch (ClientClosedException e) {
          throw CliException.failed("connection closed: " + e.getMessage());
        }
        cli.out().println(describe(f));
        cli.out().flush();
      }
    }
  }

  static String describe(Frame f) {
    String kind = switch (f.kind()) {
      case PUBLICATION -> "publish";
      case BROADCAST -> "broadcast";
      case MESSAGE -> "message";
    };
    return kind + " from " + f.sender() + (f.topic() != null ? " on " + f.topic() : "")
        + (f.isRealtime() ? " (real-time)" : "") + ": " + Payloads.show(f.payload());
  }

  static int send(Cli cli, Args a) throws CliException, InterruptedException {
    if (a.hasNext() && Args.isHelp(a.peek())) {
      cli.out().println("Usage: loombus send TARGET [PAYLOAD]\n"
          + "Sends PAYLOAD (or standard input) to TARGET with QoS 1; a TARGET with * or ? is a"
          + " broadcast mask.");
      return 0;
    }
    String target = a.next("TARGET");
    byte[] payload = Payloads.fromArgOrStdin(a.hasNext() ? a.next("PAYLOAD") : null, cli.in());
    a.end();
    try (BusClient bus = cli.connect()) {
      boolean mask = target.indexOf('*') >= 0 || target.indexOf('?') >= 0;
      check(cli, mask ? bus.broadcast(target, payload, Qos.PROCESSED)
          : bus.send(target, payload, Qos.PROCESSED), mask ? "broadcast" : "send");
    }
    cli.out().println("OK");
    return 0;
  }

  static int publish(Cli cli, Args a) throws CliException, InterruptedException {
    if (a.hasNext() && Args.isHelp(a.peek())) {
      cli.out().println("Usage: loombus publish TOPIC [PAYLOAD]\n"
          + "Publishes PAYLOAD (or standard input) to TOPIC with QoS 1.");
      return 0;
    }
    String topic = a.next("TOPIC");
    byte[] payload = Payloads.fromArgOrStdin(a.hasNext() ? a.next("PAYLOAD") : null, cli.in());
    a.end();
    try (BusClient bus = cli.connect()) {
      check(cli, bus.publish(topic, payload, Qos.PROCESSED), "publish");
    }
    cli.out().println("OK");
    return 0;
  }

  /** Waits for the broker's ACK within the timeout; anything but OK fails the command. */
  static void check(Cli cli, Confirmation c, String what)
      throws CliException, InterruptedException {
    int code;
    try {
      code = c.await(cli.timeout());
    } catch (ClientClosedException e) {
      throw CliException.failed(what + " failed: connection closed");
    }
    if (code != ResultCode.OK) {
      throw CliException.failed(what + " failed: " + ResultCode.describe(code));
    }
  }
}

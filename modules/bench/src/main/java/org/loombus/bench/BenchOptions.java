package org.loombus.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The runner's command line.
 *
 * @param socket an external broker's Unix socket, or {@code null} to start one in-process
 * @param pairs sender/receiver client pairs
 * @param payload payload bytes per message
 * @param frames frames of each streaming run, all pairs together
 * @param acked round trips of each acknowledged or ping-pong run, all pairs together
 * @param runs timed runs of each measurement
 * @param window frames a streaming sender may be ahead of its receiver
 * @param limit how long one run may take before it counts as hung
 * @param help print usage and exit
 */
record BenchOptions(
    Path socket,
    int pairs,
    int payload,
    long frames,
    long acked,
    int runs,
    int window,
    Duration limit,
    boolean help) {

  /** The byte every payload is filled with (as in busrt's own benchmark). */
  static final byte PAYLOAD_BYTE = (byte) 0xEE;

  static final String USAGE = """
      Usage: BenchMain [options]
      Broker throughput over a Unix socket, next to the raw-socket limits of this machine.

        --socket PATH     measure the broker listening on PATH (default: start one in this JVM
                          with loombusd's defaults: T = 5 s, queue 8192, 16 KiB buffers)
        --pairs N         sender/receiver client pairs (default 8)
        --payload BYTES   payload per message (default 100)
        --frames N        frames per streaming run, all pairs together (default 2000000)
        --acked N         round trips per acknowledged or ping-pong run (default 200000)
        --runs R          timed runs of each measurement, after one warm-up run (default 3)
        --window N        frames a streaming sender may be ahead of its receiver; must stay below
                          the broker's queue size (default 4096)
        --limit SECONDS   a run taking longer fails (default 120)
        -h, --help        this text
      """;

  /** A command-line error; the message is the whole line to print. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * @param args the command line
   * @return the options
   * @throws UsageException naming the offending option
   */
  static BenchOptions parse(String[] args) throws UsageException {
    Path socket = null;
    int pairs = 8;
    int payload = 100;
    long frames = 2_000_000;
    long acked = 200_000;
    int runs = 3;
    int window = 4096;
    long limit = 120;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "-h", "--help" -> help = true;
        case "--socket" -> socket = Path.of(value(args, ++i, flag));
        case "--pairs" -> pairs = (int) number(args, ++i, flag, 1, 1024);
        case "--payload" -> payload = (int) number(args, ++i, flag, 1, 1 << 20);
        case "--frames" -> frames = number(args, ++i, flag, 1, 1L << 40);
        case "--acked" -> acked = number(args, ++i, flag, 1, 1L << 40);
        case "--runs" -> runs = (int) number(args, ++i, flag, 1, 1000);
        case "--window" -> window = (int) number(args, ++i, flag, 1, 1 << 24);
        case "--limit" -> limit = number(args, ++i, flag, 1, 86_400);
        default -> throw new UsageException("unknown option '" + flag + "' (see --help)");
      }
    }
    if (frames < pairs || acked < pairs) {
      throw new UsageException("--frames and --acked must be at least --pairs (" + pairs + ")");
    }
    if (frames / pairs > Integer.MAX_VALUE || acked / pairs > Integer.MAX_VALUE) {
      throw new UsageException("at most " + Integer.MAX_VALUE + " frames per pair");
    }
    return new BenchOptions(socket, pairs, payload, frames, acked, runs, window,
        Duration.ofSeconds(limit), help);
  }

  /** @return a fresh payload */
  byte[] payloadBytes() {
    byte[] b = new byte[payload];
    Arrays.fill(b, PAYLOAD_BYTE);
    return b;
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(flag + ": a value is required");
    }
    return args[i];
  }

  private static long number(String[] args, int i, String flag, long min, long max)
      throws UsageException {
    String v = value(args, i, flag);
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n < min || n > max) {
        throw new UsageException(flag + ": must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + ": '" + v + "' is not a whole number");
    }
  }
}

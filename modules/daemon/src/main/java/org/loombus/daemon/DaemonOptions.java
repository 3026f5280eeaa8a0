package org.loombus.daemon;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.broker.BrokerConfig;
import org.loombus.federation.FederationConfig;
import org.loombus.server.BindAddress;

/**
 * The daemon's command line, busrtd's flags (docs/protocol.md §7.2), parsed strictly: any error is
 * one line naming the flag and what was wrong with it.
 *
 * @param binds listeners, in order
 * @param aldrin Aldrin listeners ({@code --aldrin}), in order
 * @param aldrinMaxEntries the most entries one Aldrin client may hold ({@code
 *     --aldrin-max-entries})
 * @param pidFile where to write the process id, or {@code null}
 * @param broker the broker's settings: timeout, buffers, queues and every limit
 * @param aaaFile access rules file, or {@code null} for no access control
 * @param socketMode permissions of Unix socket files, or {@code null}
 * @param socketGroup group of Unix socket files, or {@code null}
 * @param fifoMode permissions of FIFO command channels
 * @param fifoGroup group of FIFO command channels, or {@code null}
 * @param verbose trace logging
 * @param metrics where to serve Prometheus metrics, or {@code null} for nowhere
 * @param dashboard serve the web dashboard on the metrics endpoint too
 * @param httpToken file holding the token the metrics endpoint requires, or {@code null}
 * @param logFile rolling log file instead of standard output, or {@code null}
 * @param logSyslog log to the local syslog daemon instead of standard output
 * @param logConfig tinylog properties file replacing the built-in logging set-up, or {@code null}
 * @param workers carrier threads of the virtual threads ({@code -w}), or 0 for the default
 * @param federation how to join a federation over NATS, or {@code null} for none
 * @param wssKeystore PKCS#12 file with the key and certificate chain of the {@code wss://}
 *     listeners, or {@code null}
 * @param wssPasswordFile file whose first line is that keystore's password, or {@code null} for
 *     an empty password
 * @param help print usage and exit
 */
record DaemonOptions(
    List<BindAddress> binds,
    List<BindAddress> aldrin,
    int aldrinMaxEntries,
    Path pidFile,
    BrokerConfig broker,
    Path aaaFile,
    Set<PosixFilePermission> socketMode,
    String socketGroup,
    Set<PosixFilePermission> fifoMode,
    String fifoGroup,
    boolean verbose,
    BindAddress metrics,
    boolean dashboard,
    Path httpToken,
    Path logFile,
    boolean logSyslog,
    Path logConfig,
    int workers,
    FederationConfig federation,
    Path wssKeystore,
    Path wssPasswordFile,
    boolean help) {

  /** What one Aldrin client may hold without {@code --aldrin-max-entries}: the bus's default. */
  static final int DEFAULT_ALDRIN_MAX_ENTRIES =
      AldrinBrokerConfig.defaults().maxEntriesPerClient();

  /** Most carrier threads: the JDK's default ceiling of its virtual-thread scheduler. */
  static final int MAX_WORKERS = 256;

  /** Usage text printed by {@code --help}. */
  public static final String USAGE = """
      Usage: loombusd -B <PATH|HOST:PORT|ws://HOST:PORT/PATH> [-B ...]
                      [--aldrin <PATH|HOST:PORT> ...] [options]

        -B, --bind <PATH>        listen on a Unix socket (a path starting with / or ending in
                                 .sock, .socket, .ipc), TCP host:port, or WebSocket
                                 ws://host:port/path or wss://host:port/path (TLS); repeatable
            --wss-keystore <FILE>
                                 PKCS#12 file with the key and certificate chain of the
                                 wss:// listeners
            --wss-password-file <FILE>
                                 file whose first line is that keystore's password (default:
                                 an empty password)
            --aldrin <PATH|HOST:PORT>
                                 serve Aldrin clients (protocol 1.14 to 1.20) on a Unix socket
                                 or TCP host:port; repeatable; a bus of its own beside BUS/RT's
                                 (--payload-size-limit, --queue-size, --queue-bytes,
                                 --stall-timeout and -t apply to it too)
            --aldrin-max-entries <N>
                                 objects, services, subscriptions, channel ends, bus
                                 listeners, filters, calls and introspection entries one
                                 Aldrin client may hold; one more disconnects it
                                 (default 65536)
        -P, --pid-file <FILE>    write the process id to FILE; removed at exit
        -t <SECONDS>             timeout T (default 5): handshake, frame bodies, keep-alive
                                 T/2, idle clients dropped after 1.25 T
            --stall-timeout <SECONDS>
                                 a client taking none of the bytes written to it for this long
                                 is dropped; until then its senders wait (default T)
            --buf-size <BYTES>   buffer size per connection (default 16384)
            --buf-ttl <MICROS>   accepted for busrtd compatibility; frames are written at once
            --queue-size <N>     outgoing queue per client, in frames (default 8192)
            --queue-bytes <BYTES>
                                 outgoing queue per client, in bytes (default 16777216)
            --memory-budget <BYTES>
                                 what all clients' queues, buffers and subscriptions may hold
                                 together (default: half the heap)
            --max-masks <N>      subscriptions and exclusions per client (default 4096)
            --max-mask-length <BYTES>
                                 longest subscription or exclusion mask (default 1024)
            --max-mask-depth <N> most /-separated segments of a mask (default 32)
            --max-pending-handshakes <N>
                                 connections in their handshake at once (default 1024)
            --max-pending-per-peer <N>
                                 of them from one Unix user or IP address (default 256)
            --force-register     a new client replaces a registered one of the same name
            --aaa <FILE>         access rules (client.NAME.KEY = VALUE); clients not in the
                                 file are refused; reloaded on SIGHUP and when the file changes
            --payload-size-limit <BYTES>
                                 close a connection that announces a larger frame body
            --max-clients <N>    refuse socket clients beyond N (secondaries count)
            --socket-mode <OCTAL>
                                 permissions of Unix socket files, e.g. 0660
            --socket-group <NAME>
                                 group of Unix socket files, e.g. automation
            --fifo-mode <OCTAL>  permissions of -B fifo: command channels (default 0620; 0622,
                                 busrtd's, lets any local user act as .broker)
            --fifo-group <NAME>  group of the command channels
            --verbose            trace-level logging
            --metrics <HOST:PORT>
                                 serve Prometheus metrics at http://HOST:PORT/metrics
            --dashboard          serve the read-only web dashboard there too, at /
            --http-token <FILE>  require the token in FILE (Authorization: Bearer, or ?token=)
                                 for the metrics and the dashboard's data
            --log-file <FILE>    log to FILE.N instead of standard output, FILE linking to
                                 the newest; a new N daily and at 10 MB, the 10 newest kept
            --log-syslog         log to syslog (UDP to localhost:514, facility user)
            --log-config <FILE>  tinylog properties file: writers, levels and formats as it says
        -w <N>                   worker threads running the clients' virtual threads
                                 (default: one per CPU)
        -h, --help               this text
      """ + FederationFlags.USAGE;

  /** A command-line error: the message is the whole line to print. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * @param args the command line
   * @return the options
   * @throws UsageException naming the offending flag
   */
  public static DaemonOptions parse(String[] args) throws UsageException {
    List<BindAddress> binds = new ArrayList<>();
    List<BindAddress> aldrin = new ArrayList<>();
    Integer aldrinMaxEntries = null;
    Path pidFile = null;
    // busrtd's defaults where they differ from the library's
    BrokerConfig.Builder broker = BrokerConfig.builder().timeout(Duration.ofSeconds(5))
        .bufSize(16384);
    Path aaaFile = null;
    Set<PosixFilePermission> socketMode = null;
    String socketGroup = null;
    Set<PosixFilePermission> fifoMode = PosixFilePermissions.fromString("rw--w----");
    String fifoGroup = null;
    boolean verbose = false;
    BindAddress metrics = null;
    boolean dashboard = false;
    Path httpToken = null;
    Path logFile = null;
    boolean logSyslog = false;
    Path logConfig = null;
    int workers = 0;
    boolean help = false;
    FederationFlags federation = new FederationFlags();
    Path wssKeystore = null;
    Path wssPasswordFile = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String inline = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        inline = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (FederationFlags.isFederationFlag(flag)) {
        federation.accept(flag, inline != null ? inline : value(args, ++i, flag));
        continue;
      }
      switch (flag) {
        case "-h", "--help" -> help = true;
        case "--force-register" -> broker.forceRegister(true);
        case "--verbose" -> verbose = true;
        case "--log-syslog" -> logSyslog = true;
        case "--metrics" -> metrics = hostPort(flag, inline != null ? inline : value(args, ++i, flag));
        case "--dashboard" -> dashboard = true;
        case "--http-token" -> httpToken = Path.of(inline != null ? inline : value(args, ++i, flag));
        case "--log-file" -> logFile = logFile(flag, inline != null ? inline : value(args, ++i, flag));
        case "--log-config" -> logConfig = Path.of(inline != null ? inline : value(args, ++i, flag));
        case "-B", "--bind" -> {
          String v = inline != null ? inline : value(args, ++i, flag);
          try {
            binds.add(BindAddress.parse(v));
          } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
          }
        }
        case "--aldrin" -> {
          String v = inline != null ? inline : value(args, ++i, flag);
          BindAddress a;
          try {
            a = BindAddress.parse(v);
          } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
          }
          if (a.kind() == BindAddress.Kind.FIFO) {
            throw new UsageException(flag + ": '" + v + "' is a FIFO; Aldrin needs a socket");
          }
          aldrin.add(a);
        }
        case "--aldrin-max-entries" -> aldrinMaxEntries =
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1);
        case "-P", "--pid-file" -> pidFile = Path.of(inline != null ? inline : value(args, ++i, flag));
        case "-t", "--timeout" -> broker.timeout(
            seconds(flag, inline != null ? inline : value(args, ++i, flag)));
        case "--stall-timeout" -> broker.stallTimeout(
            seconds(flag, inline != null ? inline : value(args, ++i, flag)));
        case "--buf-size" -> broker.bufSize(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 64));
        case "--buf-ttl" -> positive(flag, inline != null ? inline : value(args, ++i, flag), 0);
        case "--queue-size" -> broker.queueSize(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--queue-bytes" -> broker.queueBytes(
            bytes(flag, inline != null ? inline : value(args, ++i, flag), 64));
        case "--memory-budget" -> broker.memoryBudget(
            bytes(flag, inline != null ? inline : value(args, ++i, flag), 1 << 20));
        case "--max-masks" -> broker.maxMasks(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--max-mask-length" -> broker.maxMaskLength(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--max-mask-depth" -> broker.maxMaskDepth(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--max-pending-handshakes" -> broker.maxPendingHandshakes(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--max-pending-per-peer" -> broker.maxPendingPerPeer(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--wss-keystore" -> wssKeystore =
            Path.of(inline != null ? inline : value(args, ++i, flag));
        case "--wss-password-file" -> wssPasswordFile =
            Path.of(inline != null ? inline : value(args, ++i, flag));
        case "--aaa" -> aaaFile = Path.of(inline != null ? inline : value(args, ++i, flag));
        case "--payload-size-limit" -> broker.payloadSizeLimit(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--max-clients" -> broker.maxClients(
            positive(flag, inline != null ? inline : value(args, ++i, flag), 1));
        case "--fifo-mode" -> fifoMode = mode(flag, inline != null ? inline : value(args, ++i, flag));
        case "--fifo-group" -> fifoGroup = inline != null ? inline : value(args, ++i, flag);
        case "--socket-mode" -> socketMode = mode(flag, inline != null ? inline : value(args, ++i, flag));
        case "--socket-group" -> socketGroup = inline != null ? inline : value(args, ++i, flag);
        case "-w", "--workers" -> {
          workers = positive(flag, inline != null ? inline : value(args, ++i, flag), 1);
          if (workers > MAX_WORKERS) {
            throw new UsageException(flag + ": at most " + MAX_WORKERS + " worker threads, got "
                + workers);
          }
        }
        case "-D" -> throw new UsageException(
            "-D: loombusd does not fork; run it under a service manager (systemd Type=exec)");
        default -> throw new UsageException("unknown option '" + args[i] + "' (see --help)");
      }
    }
    if (binds.isEmpty() && aldrin.isEmpty() && !help) {
      throw new UsageException("-B: at least one listener is required (see --help)");
    }
    if (aldrinMaxEntries != null && aldrin.isEmpty()) {
      throw new UsageException("--aldrin-max-entries: needs --aldrin, the bus it limits");
    }
    if (logConfig != null && (logFile != null || logSyslog)) {
      throw new UsageException("--log-config: cannot be combined with --log-file or --log-syslog;"
          + " configure those writers in the file");
    }
    if (metrics == null && (dashboard || httpToken != null)) {
      throw new UsageException((dashboard ? "--dashboard" : "--http-token")
          + ": needs --metrics HOST:PORT, the endpoint it is served on");
    }
    boolean wss = binds.stream().anyMatch(BindAddress::tls);
    if (wss && wssKeystore == null) {
      throw new UsageException("-B wss://: --wss-keystore is required for a TLS listener");
    }
    if (!wss && (wssKeystore != null || wssPasswordFile != null)) {
      throw new UsageException((wssKeystore != null ? "--wss-keystore" : "--wss-password-file")
          + ": no -B wss:// listener to use it");
    }
    BrokerConfig config;
    try {
      config = broker.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new DaemonOptions(List.copyOf(binds), List.copyOf(aldrin),
        aldrinMaxEntries == null ? DEFAULT_ALDRIN_MAX_ENTRIES : aldrinMaxEntries, pidFile, config,
        aaaFile, socketMode, socketGroup, fifoMode, fifoGroup, verbose, metrics, dashboard,
        httpToken, logFile, logSyslog, logConfig, workers, federation.build(config.timeout()),
        wssKeystore, wssPasswordFile, help);
  }

  private static BindAddress hostPort(String flag, String v) throws UsageException {
    BindAddress a;
    try {
      a = BindAddress.parse(v);
    } catch (IllegalArgumentException e) {
      a = null;
    }
    if (a == null || a.kind() != BindAddress.Kind.TCP) {
      throw new UsageException(flag + ": '" + v + "' is not host:port, e.g. 127.0.0.1:9925");
    }
    return a;
  }

  /** Braces would be taken for tinylog's file name patterns. */
  private static Path logFile(String flag, String v) throws UsageException {
    if (v.contains("{") || v.contains("}")) {
      throw new UsageException(flag + ": '" + v + "' contains braces; use --log-config for"
          + " tinylog file name patterns");
    }
    return Path.of(v);
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(flag + ": a value is required");
    }
    return args[i];
  }

  private static Set<PosixFilePermission> mode(String flag, String v) throws UsageException {
    int bits;
    try {
      bits = Integer.parseInt(v, 8);
    } catch (NumberFormatException e) {
      bits = -1;
    }
    if (bits < 0 || bits > 0777) {
      throw new UsageException(flag + ": '" + v + "' is not an octal mode such as 0660");
    }
    StringBuilder rwx = new StringBuilder();
    for (int shift = 6; shift >= 0; shift -= 3) {
      int b = bits >> shift;
      rwx.append((b & 4) != 0 ? 'r' : '-').append((b & 2) != 0 ? 'w' : '-')
          .append((b & 1) != 0 ? 'x' : '-');
    }
    return PosixFilePermissions.fromString(rwx.toString());
  }

  private static Duration seconds(String flag, String v) throws UsageException {
    double secs = number(flag, v);
    if (!(secs > 0) || secs > 86_400) {
      throw new UsageException(flag + ": must be between 0 and 86400 seconds, got " + v);
    }
    return Duration.ofNanos((long) (secs * 1e9));
  }

  private static long bytes(String flag, String v, long min) throws UsageException {
    try {
      long n = Long.parseLong(v);
      if (n < min) {
        throw new UsageException(flag + ": must be at least " + min + " bytes, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + ": '" + v + "' is not a whole number of bytes");
    }
  }

  private static double number(String flag, String v) throws UsageException {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + ": '" + v + "' is not a number");
    }
  }

  private static int positive(String flag, String v, int min) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n < min) {
        throw new UsageException(flag + ": must be at least " + min + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + ": '" + v + "' is not a whole number");
    }
  }
}

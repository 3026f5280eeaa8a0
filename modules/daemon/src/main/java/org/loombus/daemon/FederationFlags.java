package org.loombus.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loombus.federation.FederationConfig;

/**
 * The daemon's federation flags (docs/federation.md#flags), collected while
 * {@link DaemonOptions#parse} reads the command line and checked together at its end.
 */
final class FederationFlags {
  /** The lines of {@code --help} for these flags. */
  static final String USAGE = """
            --federate <URL[,URL...]>
                                 join the federation over these NATS servers (nats:// or
                                 tls://host:port); the client finds a cluster's other servers
            --node <NAME>        this node's name in the federation (default: the host name)
            --federate-prefix <PREFIX>
                                 first tokens of every NATS subject (default loombus), so that
                                 several buses can share one NATS system
            --federate-creds <FILE>
                                 NATS credentials file (user JWT and NKey seed)
            --federate-token-file <FILE>
                                 file holding the NATS token
            --federate-tls-ca <FILE>
                                 PEM certificates that sign the NATS servers' certificates
            --federate-tls-cert <FILE>, --federate-tls-key <FILE>
                                 client certificate chain and its PKCS#8 key (PEM)
      """;

  private final List<String> servers = new ArrayList<>();
  private String node;
  private String prefix = FederationConfig.DEFAULT_PREFIX;
  private Path creds;
  private Path tokenFile;
  private Path tlsCa;
  private Path tlsCert;
  private Path tlsKey;
  private boolean given;

  /**
   * @param flag a command-line flag
   * @return whether it is one of these flags, which then take a value
   */
  static boolean isFederationFlag(String flag) {
    return flag.equals("--node") || flag.startsWith("--federate");
  }

  /**
   * @param flag one of {@link #isFederationFlag}
   * @param value its value
   * @throws DaemonOptions.UsageException for an unknown flag of the family
   */
  void accept(String flag, String value) throws DaemonOptions.UsageException {
    given = true;
    switch (flag) {
      case "--federate" -> {
        for (String url : value.split(",")) {
          if (!url.isBlank()) {
            servers.add(url.trim());
          }
        }
      }
      case "--node" -> node = value;
      case "--federate-prefix" -> prefix = value;
      case "--federate-creds" -> creds = Path.of(value);
      case "--federate-token-file" -> tokenFile = Path.of(value);
      case "--federate-tls-ca" -> tlsCa = Path.of(value);
      case "--federate-tls-cert" -> tlsCert = Path.of(value);
      case "--federate-tls-key" -> tlsKey = Path.of(value);
      default -> throw new DaemonOptions.UsageException("unknown option '" + flag
          + "' (see --help)");
    }
  }

  /**
   * @param timeout the daemon's T, which remote ACKs wait at most
   * @return the federation's settings, or {@code null} if no federation flag was given
   * @throws DaemonOptions.UsageException naming what is wrong
   */
  FederationConfig build(Duration timeout) throws DaemonOptions.UsageException {
    if (!given) {
      return null;
    }
    if (servers.isEmpty()) {
      throw new DaemonOptions.UsageException("--federate: the NATS server URLs are required with"
          + " the other federation flags");
    }
    String name = node != null ? node : hostName();
    try {
      return new FederationConfig(servers, name, prefix, creds, tokenFile, tlsCa, tlsCert, tlsKey,
          timeout, Duration.ofSeconds(1));
    } catch (IllegalArgumentException e) {
      throw new DaemonOptions.UsageException("--federate: " + e.getMessage());
    }
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        h = "";
      }
    }
    int dot = h.indexOf('.');
    return dot > 0 ? h.substring(0, dot) : h;
  }
}

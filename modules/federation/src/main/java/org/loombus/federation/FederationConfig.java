package org.loombus.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.loombus.federation.internal.Subjects;

/**
 * How a node joins a federation over NATS (docs/federation.md#flags).
 *
 * @param servers NATS server URLs ({@code nats://host:port}, {@code tls://host:port}); the client
 *     also learns the other servers of a cluster from the first it reaches
 * @param node this node's name, unique in the federation: letters, digits, {@code -}, {@code _}
 * @param prefix the first subject tokens of every subject, so that several federations can share
 *     one NATS system
 * @param credentials a NATS credentials file (user JWT and NKey seed, or a seed alone), or
 *     {@code null}
 * @param tokenFile a file holding the NATS token, or {@code null}
 * @param tlsCa PEM file of the certificates that sign the servers' certificates, or {@code null}
 * @param tlsCert PEM file of this node's client certificate chain, or {@code null}
 * @param tlsKey PEM file of its PKCS#8 private key, or {@code null}
 * @param ackTimeout how long a direct message waits for the remote node's answer before its
 *     sender gets {@code 78}; also how long a sender is held back by a full outgoing queue
 * @param heartbeat how often the node says it is alive; it is dropped from the others' view
 *     after three periods without a heartbeat
 */
public record FederationConfig(
    List<String> servers,
    String node,
    String prefix,
    Path credentials,
    Path tokenFile,
    Path tlsCa,
    Path tlsCert,
    Path tlsKey,
    Duration ackTimeout,
    Duration heartbeat) {

  /** The prefix when none is given. */
  public static final String DEFAULT_PREFIX = "loombus";

  /** Validates the settings; each message is one line naming what is wrong. */
  public FederationConfig {
    servers = List.copyOf(servers);
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one NATS server URL is required");
    }
    for (String s : servers) {
      if (!s.matches("(nats|tls)://[^\\s/,]+(:\\d+)?")) {
        throw new IllegalArgumentException("'" + s + "' is not a NATS URL such as nats://host:4222");
      }
    }
    if (!Subjects.isPlainToken(node)) {
      throw new IllegalArgumentException("node name '" + node
          + "' must be 1 to 64 letters, digits, '-' or '_'");
    }
    for (String token : prefix.split("\\.", -1)) {
      if (!Subjects.isPlainToken(token)) {
        throw new IllegalArgumentException("subject prefix '" + prefix
            + "' must be dot-separated tokens of letters, digits, '-' or '_'");
      }
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("a TLS client certificate needs its key, and the key its"
          + " certificate");
    }
    if (credentials != null && tokenFile != null) {
      throw new IllegalArgumentException("give a credentials file or a token file, not both");
    }
    if (ackTimeout.isNegative() || ackTimeout.isZero() || heartbeat.isNegative()
        || heartbeat.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /**
   * @param servers NATS server URLs
   * @param node this node's name
   * @param ackTimeout the broker's timeout T
   * @return settings with the default prefix, no authentication, no TLS, 1 s heartbeats
   */
  public static FederationConfig of(List<String> servers, String node, Duration ackTimeout) {
    return new FederationConfig(servers, node, DEFAULT_PREFIX, null, null, null, null, null,
        ackTimeout, Duration.ofSeconds(1));
  }

  /** @return whether the link uses TLS */
  public boolean tls() {
    return tlsCa != null || tlsCert != null || servers.stream().anyMatch(s -> s.startsWith("tls:"));
  }
}

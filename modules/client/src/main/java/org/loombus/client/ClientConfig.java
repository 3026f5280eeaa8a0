package org.loombus.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.loombus.client.internal.Endpoint;
import org.loombus.protocol.wire.Ops;

/**
 * Immutable settings of a socket client (docs/protocol.md §8.1). Build with {@link #builder(String,
 * String)}.
 *
 * <p>The address follows the BUS/RT rule: a value starting with {@code /} or ending in
 * {@code .sock}, {@code .socket} or {@code .ipc} is a Unix socket path, anything else is TCP
 * {@code host:port} (an IPv6 host in brackets: {@code [::1]:9924}).
 *
 * @param address Unix socket path or TCP {@code host:port}
 * @param name the client name, 1 to 65,535 UTF-8 bytes
 * @param timeout limit for connecting and the handshake, and for a single blocked write; the
 *     client pings every {@code timeout / 2}, so it must not exceed the broker's own timeout T
 *     (whose idle limit is 1.25 T)
 * @param queueSize capacity of the incoming frame queue read by {@code receive}; when it stays
 *     full for {@code timeout}, the client disconnects rather than stall its acknowledgements
 * @param bufSize bytes read at once, and bytes of outgoing frames buffered before a sender waits
 *     for the socket (a larger frame still goes whole)
 */
public record ClientConfig(
    String address, String name, Duration timeout, int queueSize, int bufSize) {

  /** Validates the settings; a malformed address fails here rather than at connect time. */
  public ClientConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timeout, "timeout");
    Endpoint.parse(address);
    int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (nameBytes == 0 || nameBytes > 0xFFFF) {
      throw new IllegalArgumentException("client name must be 1 to 65535 UTF-8 bytes");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue size must be at least 1");
    }
    if (bufSize < Ops.CLIENT_HEADER_SIZE) {
      throw new IllegalArgumentException("buffer size must be at least " + Ops.CLIENT_HEADER_SIZE);
    }
  }

  /**
   * @param address Unix socket path or TCP {@code host:port}
   * @param name the client name
   * @return a builder with the defaults: timeout 1 s, queue size 8192, buffer size 8192
   */
  public static Builder builder(String address, String name) {
    return new Builder(address, name);
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return new Builder(address, name).timeout(timeout).queueSize(queueSize).bufSize(bufSize);
  }

  /** @return whether the address names a Unix socket (else it is TCP) */
  public boolean isUnixSocket() {
    return Endpoint.parse(address).isUnix();
  }

  /** Builder of {@link ClientConfig}. */
  public static final class Builder {
    private String address;
    private String name;
    private Duration timeout = Duration.ofSeconds(1);
    private int queueSize = 8192;
    private int bufSize = 8192;

    private Builder(String address, String name) {
      this.address = address;
      this.name = name;
    }

    /**
     * @param v Unix socket path or TCP {@code host:port}
     * @return this builder
     */
    public Builder address(String v) {
      address = v;
      return this;
    }

    /**
     * @param v the client name
     * @return this builder
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * @param v connect, handshake and write limit; pings every half of it (default 1 s)
     * @return this builder
     */
    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    /**
     * @param v incoming frames held for {@code receive} (default 8192)
     * @return this builder
     */
    public Builder queueSize(int v) {
      queueSize = v;
      return this;
    }

    /**
     * @param v bytes read at once and outgoing bytes buffered (default 8192)
     * @return this builder
     */
    public Builder bufSize(int v) {
      bufSize = v;
      return this;
    }

    /** @return the settings */
    public ClientConfig build() {
      return new ClientConfig(address, name, timeout, queueSize, bufSize);
    }
  }
}

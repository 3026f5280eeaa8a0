package org.loombus.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Immutable broker settings (docs/protocol.md §7.1). Build with {@link #builder()}; the defaults
 * are the reference library's.
 *
 * @param timeout T: handshake steps, body reads and writes; keep-alive every T/2; idle limit 1.25 T
 * @param queueSize outgoing queue capacity per client, in frames
 * @param bufSize read and write buffer size per connection, in bytes
 * @param payloadSizeLimit largest accepted frame body in bytes; 0 for no limit
 * @param maxClients most socket clients registered at once (secondaries count); 0 for no limit
 * @param forceRegister whether a new client replaces a registered primary of the same name
 * @param coreClient whether to register the {@code .broker} client and publish announcements
 * @param threadFactory where writers and the keep-alive ticker come from
 */
public record BrokerConfig(
    Duration timeout,
    int queueSize,
    int bufSize,
    long payloadSizeLimit,
    int maxClients,
    boolean forceRegister,
    boolean coreClient,
    ThreadFactory threadFactory) {

  /** Validates the settings. */
  public BrokerConfig {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(threadFactory, "threadFactory");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("queue size must be at least 1");
    }
    if (bufSize < 64) {
      throw new IllegalArgumentException("buffer size must be at least 64 bytes");
    }
    if (payloadSizeLimit < 0) {
      throw new IllegalArgumentException("payload size limit must not be negative");
    }
    if (maxClients < 0) {
      throw new IllegalArgumentException("client limit must not be negative");
    }
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    return new Builder()
        .timeout(timeout)
        .queueSize(queueSize)
        .bufSize(bufSize)
        .payloadSizeLimit(payloadSizeLimit)
        .maxClients(maxClients)
        .forceRegister(forceRegister)
        .coreClient(coreClient)
        .threadFactory(threadFactory);
  }

  /** Builder of {@link BrokerConfig}. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(1);
    private int queueSize = 8192;
    private int bufSize = 8192;
    private long payloadSizeLimit;
    private int maxClients;
    private boolean forceRegister;
    private boolean coreClient = true;
    private ThreadFactory threadFactory = Thread.ofVirtual().name("loombus-", 0).factory();

    private Builder() {}

    /**
     * @param v T (default 1 s)
     * @return this builder
     */
    public Builder timeout(Duration v) {
      timeout = v;
      return this;
    }

    /**
     * @param v frames per outgoing queue (default 8192)
     * @return this builder
     */
    public Builder queueSize(int v) {
      queueSize = v;
      return this;
    }

    /**
     * @param v bytes per connection buffer (default 8192)
     * @return this builder
     */
    public Builder bufSize(int v) {
      bufSize = v;
      return this;
    }

    /**
     * @param v largest accepted body length, 0 = unlimited (default)
     * @return this builder
     */
    public Builder payloadSizeLimit(long v) {
      payloadSizeLimit = v;
      return this;
    }

    /**
     * @param v most socket clients at once, 0 = unlimited (default)
     * @return this builder
     */
    public Builder maxClients(int v) {
      maxClients = v;
      return this;
    }

    /**
     * @param v replace a registered primary of the same name (default off)
     * @return this builder
     */
    public Builder forceRegister(boolean v) {
      forceRegister = v;
      return this;
    }

    /**
     * @param v register {@code .broker} and publish announcements (default on)
     * @return this builder
     */
    public Builder coreClient(boolean v) {
      coreClient = v;
      return this;
    }

    /**
     * @param v source of the broker's threads (default: virtual threads)
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory v) {
      threadFactory = v;
      return this;
    }

    /** @return the settings */
    public BrokerConfig build() {
      return new BrokerConfig(
          timeout, queueSize, bufSize, payloadSizeLimit, maxClients, forceRegister,
          coreClient,
          threadFactory);
    }
  }
}

package org.loombus.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Immutable broker settings (docs/protocol.md §7.1). Build with {@link #builder()}; the defaults
 * of the reference library's settings are the reference's, and every per-client resource the
 * reference leaves unbounded has a bound here (docs/robustness.md).
 *
 * @param timeout T: handshake steps and body reads; keep-alive every T/2; idle limit 1.25 T
 * @param stallTimeout how long a client's socket may take no bytes while the broker has some to
 *     write before the client counts as no longer reading and is disconnected (docs/protocol.md
 *     C25, with T); until then a full outgoing queue holds its senders back
 * @param queueSize outgoing queue capacity per client, in frames
 * @param queueBytes outgoing queue capacity per client, in bytes
 * @param bufSize read and write buffer size per connection, in bytes
 * @param payloadSizeLimit largest accepted frame body in bytes; 0 for no limit
 * @param maxClients most socket clients registered at once (secondaries count); 0 for no limit
 * @param maxPendingHandshakes most connections in their handshake at once, over all peers
 * @param maxPendingPerPeer most connections in their handshake at once from one peer (one Unix
 *     user, one IP address)
 * @param maxMasks most subscriptions and exclusions of one client, together
 * @param maxMaskLength longest subscription or exclusion mask, in UTF-8 bytes
 * @param maxMaskDepth most {@code /}-separated segments of a subscription or exclusion mask
 * @param memoryBudget bytes that all clients' outgoing queues, read buffers beyond their first
 *     and subscriptions may hold together; 0 for half the heap the JVM may use
 * @param forceRegister whether a new client replaces a registered primary of the same name
 * @param coreClient whether to register the {@code .broker} client and publish announcements
 * @param threadFactory where writers and the keep-alive ticker come from
 */
public record BrokerConfig(
    Duration timeout,
    Duration stallTimeout,
    int queueSize,
    long queueBytes,
    int bufSize,
    long payloadSizeLimit,
    int maxClients,
    int maxPendingHandshakes,
    int maxPendingPerPeer,
    int maxMasks,
    int maxMaskLength,
    int maxMaskDepth,
    long memoryBudget,
    boolean forceRegister,
    boolean coreClient,
    ThreadFactory threadFactory) {

  /** Validates the settings. */
  public BrokerConfig {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    Objects.requireNonNull(threadFactory, "threadFactory");
    positive(timeout, "timeout");
    positive(stallTimeout, "stall timeout");
    atLeast(queueSize, 1, "queue size");
    atLeast(queueBytes, 64, "queue bytes");
    atLeast(bufSize, 64, "buffer size");
    atLeast(payloadSizeLimit, 0, "payload size limit");
    atLeast(maxClients, 0, "client limit");
    atLeast(maxPendingHandshakes, 1, "pending handshake limit");
    atLeast(maxPendingPerPeer, 1, "pending handshake limit per peer");
    atLeast(maxMasks, 1, "mask limit");
    atLeast(maxMaskLength, 1, "mask length limit");
    atLeast(maxMaskDepth, 1, "mask depth limit");
    atLeast(memoryBudget, 0, "memory budget");
  }

  private static void positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  private static void atLeast(long v, long min, String what) {
    if (v < min) {
      throw new IllegalArgumentException(what + " must be at least " + min + ", got " + v);
    }
  }

  /** @return {@link #memoryBudget}, or half of the JVM's maximum heap where it is 0 */
  public long effectiveMemoryBudget() {
    return memoryBudget > 0 ? memoryBudget : Runtime.getRuntime().maxMemory() / 2;
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these settings */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.stallTimeout = stallTimeout;
    b.queueSize = queueSize;
    b.queueBytes = queueBytes;
    b.bufSize = bufSize;
    b.payloadSizeLimit = payloadSizeLimit;
    b.maxClients = maxClients;
    b.maxPendingHandshakes = maxPendingHandshakes;
    b.maxPendingPerPeer = maxPendingPerPeer;
    b.maxMasks = maxMasks;
    b.maxMaskLength = maxMaskLength;
    b.maxMaskDepth = maxMaskDepth;
    b.memoryBudget = memoryBudget;
    b.forceRegister = forceRegister;
    b.coreClient = coreClient;
    b.threadFactory = threadFactory;
    return b;
  }

  /** Builder of {@link BrokerConfig}; each setter names its default. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(1);
    private Duration stallTimeout;
    private int queueSize = 8192;
    private long queueBytes = 16L << 20;
    private int bufSize = 8192;
    private long payloadSizeLimit;
    private int maxClients;
    private int maxPendingHandshakes = 1024;
    private int maxPendingPerPeer = 256;
    private int maxMasks = 4096;
    private int maxMaskLength = 1024;
    private int maxMaskDepth = 32;
    private long memoryBudget;
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
     * @param v how long a client may take no bytes of a pending write (default T)
     * @return this builder
     */
    public Builder stallTimeout(Duration v) {
      stallTimeout = v;
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
     * @param v bytes per outgoing queue (default 16 MiB)
     * @return this builder
     */
    public Builder queueBytes(long v) {
      queueBytes = v;
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
     * @param v most connections in their handshake at once (default 1024)
     * @return this builder
     */
    public Builder maxPendingHandshakes(int v) {
      maxPendingHandshakes = v;
      return this;
    }

    /**
     * @param v most connections in their handshake at once from one peer (default 256)
     * @return this builder
     */
    public Builder maxPendingPerPeer(int v) {
      maxPendingPerPeer = v;
      return this;
    }

    /**
     * @param v most subscriptions and exclusions per client (default 4096)
     * @return this builder
     */
    public Builder maxMasks(int v) {
      maxMasks = v;
      return this;
    }

    /**
     * @param v longest mask in bytes (default 1024)
     * @return this builder
     */
    public Builder maxMaskLength(int v) {
      maxMaskLength = v;
      return this;
    }

    /**
     * @param v most segments of a mask (default 32)
     * @return this builder
     */
    public Builder maxMaskDepth(int v) {
      maxMaskDepth = v;
      return this;
    }

    /**
     * @param v bytes all clients' queues, buffers and subscriptions may hold (default 0: half the
     *     maximum heap)
     * @return this builder
     */
    public Builder memoryBudget(long v) {
      memoryBudget = v;
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
      return new BrokerConfig(timeout, stallTimeout != null ? stallTimeout : timeout, queueSize,
          queueBytes, bufSize, payloadSizeLimit, maxClients, maxPendingHandshakes, maxPendingPerPeer, maxMasks,
          maxMaskLength, maxMaskDepth, memoryBudget, forceRegister, coreClient, threadFactory);
    }
  }
}

package org.loombus.aldrin.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Settings of an {@link AldrinBroker}; start from {@link #defaults()} and change with the {@code
 * with} methods.
 *
 * @param threads where each connection's writer thread and the broker's watchdog come from
 * @param maxFrameLength the longest frame accepted from a client, length prefix included; a longer
 *     one closes that connection
 * @param queueFrames the most frames waiting to be written to one client; one more disconnects it
 * @param queueBytes the most bytes waiting to be written to one client; more disconnects it
 * @param writeDeadline how long one write to a client may block before the client is dropped
 * @param handshakeTimeout how long a client may take for its handshake, and to answer the
 *     broker's {@code Shutdown}
 * @param admission the accept step of each new connection
 * @param maxEntriesPerClient the most objects, services, subscriptions, channel ends, bus
 *     listeners with their filters, pending calls and introspection entries one client may hold;
 *     a message that would add one more closes its connection (the protocol has no answer that
 *     refuses for this reason)
 */
public record AldrinBrokerConfig(
    ThreadFactory threads,
    int maxFrameLength,
    int queueFrames,
    long queueBytes,
    Duration writeDeadline,
    Duration handshakeTimeout,
    Admission admission,
    int maxEntriesPerClient) {
  /** Checks every bound. */
  public AldrinBrokerConfig {
    Objects.requireNonNull(threads, "threads");
    Objects.requireNonNull(writeDeadline, "writeDeadline");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(admission, "admission");
    if (maxFrameLength < 5 || maxFrameLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("frame length limit out of range: " + maxFrameLength);
    }
    if (queueFrames < 1 || queueBytes < maxFrameLength) {
      throw new IllegalArgumentException(
          "queue must hold one frame and at least the frame length limit in bytes");
    }
    if (maxEntriesPerClient < 1) {
      throw new IllegalArgumentException("maxEntriesPerClient must be positive");
    }
    if (writeDeadline.isNegative() || writeDeadline.isZero()
        || handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("deadlines must be positive");
    }
  }

  /**
   * @return virtual threads, 16 MiB frames, 8192 frames or 64 MiB queued per client, 5 s write
   *     deadline and handshake timeout, every client accepted, 65536 entries per client
   */
  public static AldrinBrokerConfig defaults() {
    return new AldrinBrokerConfig(Thread.ofVirtual().name("aldrin-", 0).factory(), 16 << 20,
        8192, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(5), Admission.acceptAll(),
        65536);
  }

  /**
   * @param v the most entries one client may hold
   * @return a copy with it
   */
  public AldrinBrokerConfig withMaxEntriesPerClient(int v) {
    return new AldrinBrokerConfig(threads, maxFrameLength, queueFrames, queueBytes, writeDeadline,
        handshakeTimeout, admission, v);
  }

  /**
   * @param v the thread factory
   * @return a copy with it
   */
  public AldrinBrokerConfig withThreads(ThreadFactory v) {
    return new AldrinBrokerConfig(v, maxFrameLength, queueFrames, queueBytes, writeDeadline,
        handshakeTimeout, admission, maxEntriesPerClient);
  }

  /**
   * @param v the frame length limit
   * @return a copy with it (the byte queue grows to hold one such frame if needed)
   */
  public AldrinBrokerConfig withMaxFrameLength(int v) {
    return new AldrinBrokerConfig(threads, v, queueFrames, Math.max(queueBytes, v), writeDeadline,
        handshakeTimeout, admission, maxEntriesPerClient);
  }

  /**
   * @param frames the per-client queue limit in frames
   * @param bytes the per-client queue limit in bytes
   * @return a copy with them
   */
  public AldrinBrokerConfig withQueue(int frames, long bytes) {
    return new AldrinBrokerConfig(threads, maxFrameLength, frames, bytes, writeDeadline,
        handshakeTimeout, admission, maxEntriesPerClient);
  }

  /**
   * @param v the write deadline
   * @return a copy with it
   */
  public AldrinBrokerConfig withWriteDeadline(Duration v) {
    return new AldrinBrokerConfig(threads, maxFrameLength, queueFrames, queueBytes, v,
        handshakeTimeout, admission, maxEntriesPerClient);
  }

  /**
   * @param v the handshake timeout
   * @return a copy with it
   */
  public AldrinBrokerConfig withHandshakeTimeout(Duration v) {
    return new AldrinBrokerConfig(threads, maxFrameLength, queueFrames, queueBytes, writeDeadline,
        v, admission, maxEntriesPerClient);
  }

  /**
   * @param v the accept step
   * @return a copy with it
   */
  public AldrinBrokerConfig withAdmission(Admission v) {
    return new AldrinBrokerConfig(threads, maxFrameLength, queueFrames, queueBytes, writeDeadline,
        handshakeTimeout, v, maxEntriesPerClient);
  }
}

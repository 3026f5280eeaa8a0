package org.loombus.conformance;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.testkit.RawClient;

/**
 * Two clients that keep exchanging numbered QoS-1 direct messages on their own thread while a test
 * does something else to the broker. {@code <prefix>.tx} sends message n once the ACK of n-1 is
 * in, and {@code <prefix>.rx} must receive exactly message n next: every message arrives, in
 * order, or the pair stops and reports what it saw. A second thread pings both every 200 ms, so
 * neither is dropped as idle while the exchange waits.
 */
final class HealthyPair implements AutoCloseable {
  private static final byte[] PING = new byte[9];
  private final String tx;
  private final String rx;
  private final RawClient sender;
  private final RawClient receiver;
  /** The sender is written by the exchange and the pinger; frames must not interleave. */
  private final ReentrantLock senderWrites = new ReentrantLock();
  private final AtomicLong delivered = new AtomicLong();
  /** Round trips in microseconds since the last drain; guarded by {@link #roundTripsLock}. */
  private final List<Long> roundTrips = new ArrayList<>();
  private final ReentrantLock roundTripsLock = new ReentrantLock();
  private final Thread exchange;
  private final Thread pinger;
  private volatile boolean stopping;
  private volatile Throwable failure;

  private HealthyPair(SocketAddress broker, String prefix) {
    tx = prefix + ".tx";
    rx = prefix + ".rx";
    receiver = RawClient.register(broker, rx);
    sender = RawClient.register(broker, tx);
    exchange = Thread.ofVirtual().name(prefix + "-exchange").start(this::exchange);
    pinger = Thread.ofVirtual().name(prefix + "-pinger").start(this::ping);
  }

  /**
   * @param broker where to connect
   * @param prefix the clients' names before {@code .tx} and {@code .rx}
   * @return the pair, exchanging
   */
  static HealthyPair start(SocketAddress broker, String prefix) {
    return new HealthyPair(broker, prefix);
  }

  /**
   * @return the round trips (send to ACK and delivery, in microseconds) measured since the last
   *     call, and forgets them
   */
  long[] drainRoundTrips() {
    roundTripsLock.lock();
    try {
      long[] out = roundTrips.stream().mapToLong(Long::longValue).toArray();
      roundTrips.clear();
      return out;
    } finally {
      roundTripsLock.unlock();
    }
  }

  /** @return messages delivered, in order, so far */
  long delivered() {
    return delivered.get();
  }

  /**
   * Waits until {@code more} further messages have been delivered, proving the pair works now.
   *
   * @param more how many more than now
   * @param bound how long to wait at most
   * @throws AssertionError if the pair failed or did not get that far
   */
  void awaitMore(long more, Duration bound) {
    long target = delivered.get() + more;
    long deadline = System.nanoTime() + bound.toNanos();
    while (delivered.get() < target) {
      if (failure != null) {
        throw new AssertionError("the healthy pair failed after " + delivered.get()
            + " messages", failure);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the healthy pair delivered " + delivered.get() + " of "
            + target + " messages in " + bound.toSeconds() + " s");
      }
      Checks.sleep(Duration.ofMillis(5));
    }
  }

  private void exchange() {
    try {
      for (int n = 1; !stopping; n++) {
        byte[] payload = Integer.toString(n).getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        senderWrites.lock();
        try {
          sender.send(n, 0x52, rx, payload);
        } finally {
          senderWrites.unlock();
        }
        Checks.assertBytes(Checks.ack(n, 0x01), sender.readFrameSkippingNops());
        Checks.assertBytes(Checks.delivered(0x12, false, tx, null, payload),
            receiver.readFrameSkippingNops());
        long micros = (System.nanoTime() - sent) / 1_000;
        roundTripsLock.lock();
        try {
          roundTrips.add(micros);
        } finally {
          roundTripsLock.unlock();
        }
        delivered.set(n);
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void ping() {
    while (!stopping && failure == null) {
      Checks.sleep(Duration.ofMillis(200));
      senderWrites.lock();
      try {
        sender.write(PING);
        receiver.write(PING);
      } catch (RuntimeException e) {
        return; // the exchange reports the lost connection
      } finally {
        senderWrites.unlock();
      }
    }
  }

  /**
   * Stops the exchange and closes both clients.
   *
   * @throws AssertionError if a message went missing, came out of order or the pair lost its
   *     connection
   */
  @Override
  public void close() {
    stopping = true;
    try {
      exchange.join();
      pinger.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.close();
    receiver.close();
    if (failure != null) {
      throw new AssertionError("the healthy pair failed after " + delivered.get()
          + " messages", failure);
    }
  }
}

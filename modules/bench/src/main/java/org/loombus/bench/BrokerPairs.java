package org.loombus.bench;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sender and receiver clients registered with the broker for one run. Names carry the process id
 * and a run number, so runs never collide with each other or with other clients of an external
 * broker. The receivers, which only read, are kept alive by pings.
 */
final class BrokerPairs implements AutoCloseable {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final long HANG_UP_NANOS = 2_000_000_000L;

  private final List<String> senderNames = new ArrayList<>();
  private final List<String> receiverNames = new ArrayList<>();
  private final List<SocketChannel> senders = new ArrayList<>();
  private final List<SocketChannel> receivers = new ArrayList<>();
  private Keepalive keepalive;

  private BrokerPairs() {}

  /**
   * @param broker the broker's socket
   * @param pairs how many pairs
   * @return the registered clients, receivers first so that every target exists
   * @throws IOException if a client cannot register
   */
  static BrokerPairs register(UnixDomainSocketAddress broker, int pairs) throws IOException {
    String prefix = "bench." + ProcessHandle.current().pid() + "." + RUNS.incrementAndGet() + ".";
    BrokerPairs p = new BrokerPairs();
    try {
      for (int i = 0; i < pairs; i++) {
        p.receiverNames.add(prefix + "r" + i);
        p.receivers.add(Wire.register(broker, prefix + "r" + i));
      }
      for (int i = 0; i < pairs; i++) {
        p.senderNames.add(prefix + "s" + i);
        p.senders.add(Wire.register(broker, prefix + "s" + i));
      }
      p.keepalive = new Keepalive(p.receivers);
      return p;
    } catch (IOException | RuntimeException e) {
      p.closeChannels();
      throw e;
    }
  }

  /** @return sender {@code i}'s connection */
  SocketChannel sender(int i) {
    return senders.get(i);
  }

  /** @return receiver {@code i}'s connection */
  SocketChannel receiver(int i) {
    return receivers.get(i);
  }

  /** @return sender {@code i}'s name as UTF-8 */
  byte[] senderName(int i) {
    return senderNames.get(i).getBytes(StandardCharsets.UTF_8);
  }

  /** @return receiver {@code i}'s name as UTF-8 */
  byte[] receiverName(int i) {
    return receiverNames.get(i).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (keepalive != null) {
      keepalive.close();
    }
    closeChannels();
  }

  private void closeChannels() {
    long deadline = System.nanoTime() + HANG_UP_NANOS;
    for (SocketChannel ch : senders) {
      Wire.hangUp(ch, deadline);
    }
    for (SocketChannel ch : receivers) {
      Wire.hangUp(ch, deadline);
    }
  }
}

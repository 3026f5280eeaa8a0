package org.loombus.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.loombus.client.BusClients;
import org.loombus.client.ClientConfig;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.wire.Ops;

/**
 * {@code ./dev perf --idle N}: what N idle clients cost {@code loombusd} (resident memory per
 * client) and whether they slow an active one (its QoS-1 round trip, p50 and p99), against the
 * same daemon with no idle client. The idle clients are socket clients that only keep alive
 * (pinging every T/2 as the broker's T = 5 s asks); the active one writes raw frames and waits for
 * each ACK.
 */
final class IdleScale {
  private static final Duration T = Duration.ofSeconds(5);
  private static final int ROUND_TRIPS = 20_000;

  private IdleScale() {}

  static void run(int clients, int runs, List<String> daemonFlags, PrintStream out)
      throws Exception {
    Path dir = Files.createTempDirectory("loombus-idle");
    Path broker = dir.resolve("loombus.sock");
    ConcurrentLinkedQueue<BusClient> connected = new ConcurrentLinkedQueue<>();
    try (ChildProcess daemon = PerfMain.startDaemon(broker, daemonFlags)) {
      try {
        PerfMain.awaitSocket(broker);
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(broker);
        roundTrips(address, "warm-up");
        long[] alone = latencies(address, runs, out, "no idle client");
        long before = daemon.residentKib();
        connectIdle(broker, clients, connected);
        Thread.sleep(T.multipliedBy(2)); // every idle client pinged, and got its NOPs, twice
        long after = daemon.residentKib();
        long[] busy = latencies(address, runs, out, clients + " idle clients");
        out.printf(Locale.ROOT, "%nloombusd resident memory: %,d KiB alone, %,d KiB with %,d idle "
            + "clients: %.1f KiB per idle client%n", before, after, clients,
            (after - before) / (double) clients);
        out.printf(Locale.ROOT, "QoS-1 round trip (median of %d runs of %,d): p50 %.1f us, "
            + "p99 %.1f us alone; p50 %.1f us, p99 %.1f us with %,d idle clients%n",
            runs, ROUND_TRIPS, alone[0] / 1e3, alone[1] / 1e3, busy[0] / 1e3, busy[1] / 1e3, clients);
      } finally {
        connected.forEach(BusClient::close); // while the daemon is still up
      }
    } finally {
      Files.deleteIfExists(broker);
      Files.deleteIfExists(dir);
    }
  }

  /** Connects the idle clients from four threads, a quarter each. */
  private static void connectIdle(Path broker, int clients, Collection<BusClient> connected)
      throws Exception {
    List<Thread> connectors = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int first = t;
      connectors.add(Thread.ofPlatform().start(() -> {
        for (int i = first; i < clients; i += 4) {
          connected.add(BusClients.connect(
              ClientConfig.builder(broker.toString(), "idle." + i).timeout(T).build()));
        }
      }));
    }
    for (Thread t : connectors) {
      t.join();
    }
    if (connected.size() != clients) {
      throw new IOException("only " + connected.size() + " of " + clients + " idle clients");
    }
  }

  /** @return median p50 and median p99 over the runs, in nanoseconds */
  private static long[] latencies(UnixDomainSocketAddress broker, int runs, PrintStream out,
      String what) throws IOException {
    long[] p50 = new long[runs];
    long[] p99 = new long[runs];
    for (int r = 0; r < runs; r++) {
      long[] rtt = roundTrips(broker, "active." + r);
      Arrays.sort(rtt);
      p50[r] = rtt[rtt.length / 2];
      p99[r] = rtt[rtt.length * 99 / 100];
      out.printf(Locale.ROOT, "%s, run %d: p50 %.1f us, p99 %.1f us%n",
          what, r + 1, p50[r] / 1e3, p99[r] / 1e3);
    }
    Arrays.sort(p50);
    Arrays.sort(p99);
    return new long[] {p50[runs / 2], p99[runs / 2]};
  }

  /** A fresh client sends QoS-1 messages to an absent name, one at a time; each ACK is 71. */
  private static long[] roundTrips(UnixDomainSocketAddress broker, String name)
      throws IOException {
    byte[] target = "nobody".getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocateDirect(Ops.CLIENT_HEADER_SIZE + target.length + 101)
        .order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(0).put((byte) (Ops.MESSAGE | 1 << 6)).putInt(target.length + 101).put(target)
        .put((byte) 0).put(new byte[100]).flip();
    ByteBuffer in = ByteBuffer.allocateDirect(Ops.BROKER_HEADER_SIZE);
    long[] nanos = new long[ROUND_TRIPS];
    try (SocketChannel ch = Wire.register(broker, name)) {
      for (int i = 0; i < ROUND_TRIPS; i++) {
        long start = System.nanoTime();
        Wire.writeFully(ch, frame.putInt(0, i + 1).rewind());
        do {
          in.clear();
          Wire.readFully(ch, in);
        } while ((in.get(0) & 0xFF) != Ops.KIND_ACK); // keep-alive NOPs pass by
        nanos[i] = System.nanoTime() - start;
      }
    } catch (EOFException e) {
      throw new IOException("the broker closed the active client", e);
    }
    return nanos;
  }
}

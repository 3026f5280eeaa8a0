package org.loombus.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Frames;
import org.loombus.testkit.TestBroker;

/**
 * Regression guard for the reason Loombus uses JDK Unix-domain channels (architecture, "Unix
 * sockets come from the JDK"): junixsocket served blocking reads on virtual threads from a pool
 * the size of the CPU count, so once that many connections sat idle every other client waited
 * forever. Here 1,000 idle Unix-socket clients (each with a reader blocked in the client and a
 * reader blocked in the broker) must not stop an active pair. Liveness only: the limit is
 * generous and nothing is timed.
 */
@Timeout(120)
class IdleClientsRegressionTest {
  private static final int IDLE = 1000;
  private static final int ROUND_TRIPS = 1000;
  /** Long enough that idle clients ping only rarely and the broker never drops them mid-test. */
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  @DisplayName("1,000 idle Unix-socket clients do not stall an active pair's 1,000 QoS-1 round trips")
  void idleClientsDoNotStarveActiveOnes() throws Exception {
    long limit = openFileLimit();
    assumeTrue(limit >= 2L * IDLE + 500,
        "this test needs ~" + (2 * IDLE + 500) + " descriptors; ulimit -n is " + limit);
    List<BusClient> idle = new ArrayList<>(IDLE);
    try (TestBroker broker = TestBroker.start(b -> b.timeout(LONG))) {
      String path = broker.socketPath().toString();
      try {
        for (int i = 0; i < IDLE; i++) {
          idle.add(BusClients.connect(ClientConfig.builder(path, "idle." + i).timeout(LONG).build()));
        }
        try (BusClient ping = BusClients.connect(path, "active.ping");
            BusClient pong = BusClients.connect(path, "active.pong")) {
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> roundTrips(ping, pong));

          // The idle connections are not merely open: each still receives.
          assertEquals(ResultCode.OK,
              ping.broadcast("idle.*", new byte[] {42}, Qos.PROCESSED).await(WAIT));
          for (BusClient c : idle) {
            Frame f = c.receive(WAIT);
            assertNotNull(f, c.name() + " received nothing");
            assertArrayEquals(new byte[] {42}, f.payload());
          }
        }
      } finally {
        idle.forEach(BusClient::close);
      }
    }
  }

  private static void roundTrips(BusClient ping, BusClient pong) throws InterruptedException {
    byte[] payload = new byte[4];
    for (int i = 0; i < ROUND_TRIPS; i++) {
      Frames.putIntLE(payload, 0, i);
      assertEquals(ResultCode.OK, ping.send("active.pong", payload, Qos.PROCESSED).await(WAIT));
      Frame there = pong.receive(WAIT);
      assertNotNull(there, "round trip " + i + ": nothing reached pong");
      assertEquals(ResultCode.OK,
          pong.send("active.ping", there.payload(), Qos.PROCESSED).await(WAIT));
      Frame back = ping.receive(WAIT);
      assertNotNull(back, "round trip " + i + ": nothing came back");
      assertArrayEquals(payload, back.payload());
    }
    assertTrue(ping.isConnected() && pong.isConnected());
  }

  /** @return the soft limit on open files of this process, or Long.MAX_VALUE if unknown */
  private static long openFileLimit() throws IOException {
    Path limits = Path.of("/proc/self/limits");
    if (!Files.isReadable(limits)) {
      return Long.MAX_VALUE;
    }
    for (String line : Files.readAllLines(limits)) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return Long.MAX_VALUE;
  }
}

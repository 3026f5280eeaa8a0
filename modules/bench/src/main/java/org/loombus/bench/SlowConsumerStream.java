package org.loombus.bench;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.loombus.protocol.Qos;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * The fire-and-forget measurement of {@link BrokerStream} while a client that never reads is
 * flooded by another sender: the broker must disconnect the slow client once it has stopped
 * reading (docs/protocol.md §3.9) and the healthy pairs must barely notice. Compare with the plain
 * row. Only the healthy pairs are timed: the flooder itself is held back until the slow client is
 * dropped.
 */
final class SlowConsumerStream implements Measurement {
  /** Enough to fill an 8,192-frame queue and the socket buffers behind it several times. */
  private static final long FLOOD = 50_000;
  private final BenchOptions options;
  private final UnixDomainSocketAddress broker;

  SlowConsumerStream(BenchOptions options, UnixDomainSocketAddress broker) {
    this.options = options;
    this.broker = broker;
  }

  @Override
  public String label() {
    return "broker: QoS 0, with a slow consumer";
  }

  @Override
  public double run(long perPair) throws Exception {
    try (BrokerPairs clients = BrokerPairs.register(broker, options.pairs());
        SocketChannel slow = Wire.register(broker, "bench.slow");
        SocketChannel flooder = Wire.register(broker, "bench.flooder")) {
      List<ParallelRun.Task> tasks = BrokerStream.pairTasks(options, clients, perPair);
      byte[] flood = Frames.clientFrame(0, Ops.MESSAGE, Qos.NO,
          "bench.slow".getBytes(StandardCharsets.UTF_8), options.payloadBytes());
      Window unpaced = new Window(Long.MAX_VALUE / 2);
      AtomicReference<Exception> floodFailure = new AtomicReference<>();
      Thread flooding = Thread.ofPlatform().start(() -> {
        try {
          StreamSender.send(flooder, flood, FLOOD, unpaced, StreamSender.BATCH);
        } catch (IOException | InterruptedException e) {
          floodFailure.set(e);
        }
      });
      long nanos = ParallelRun.nanos(tasks, options.limit());
      if (!disconnected(slow, Duration.ofSeconds(10))) {
        throw new IOException("the broker did not disconnect a client that stopped reading");
      }
      flooding.join(options.limit().toMillis());
      if (floodFailure.get() != null) {
        throw new IOException("the flooder failed: " + floodFailure.get(), floodFailure.get());
      }
      return perPair * options.pairs() * 1e9 / nanos;
    }
  }

  /** Drains what the broker wrote before it gave up on the client; true once it closed. */
  private static boolean disconnected(SocketChannel slow, Duration limit) throws IOException {
    slow.configureBlocking(false);
    ByteBuffer sink = ByteBuffer.allocate(1 << 16);
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      sink.clear();
      int n;
      try {
        n = slow.read(sink);
      } catch (IOException reset) {
        return true;
      }
      if (n < 0) {
        return true;
      }
      if (n == 0) {
        Thread.onSpinWait();
      }
    }
    return false;
  }
}

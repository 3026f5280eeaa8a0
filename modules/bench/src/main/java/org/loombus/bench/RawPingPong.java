package org.loombus.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Baseline for the acknowledged measurement: request/response of one payload each way over plain
 * Unix socket pairs, one round trip in flight per pair, as a QoS-1 sender has one frame in flight.
 */
final class RawPingPong implements Measurement {
  private final BenchOptions options;

  RawPingPong(BenchOptions options) {
    this.options = options;
  }

  @Override
  public String label() {
    return "raw Unix socket: " + options.payload() + "-byte ping-pong";
  }

  @Override
  public double run(long perPair) throws Exception {
    try (SocketPairs sockets = SocketPairs.open(options.pairs())) {
      List<ParallelRun.Task> tasks = new ArrayList<>();
      for (int i = 0; i < options.pairs(); i++) {
        var client = sockets.client(i);
        var server = sockets.server(i);
        tasks.add(() -> ping(client, perPair));
        tasks.add(() -> echo(server, perPair));
      }
      long nanos = ParallelRun.nanos(tasks, options.limit());
      return perPair * options.pairs() * 1e9 / nanos;
    }
  }

  private void ping(SocketChannel ch, long count) throws Exception {
    ByteBuffer request = ByteBuffer.allocateDirect(options.payload());
    request.put(options.payloadBytes());
    ByteBuffer response = ByteBuffer.allocateDirect(options.payload());
    for (long i = 0; i < count; i++) {
      Wire.writeFully(ch, request.clear());
      Wire.readFully(ch, response.clear());
    }
  }

  private void echo(SocketChannel ch, long count) throws Exception {
    ByteBuffer b = ByteBuffer.allocateDirect(options.payload());
    for (long i = 0; i < count; i++) {
      Wire.readFully(ch, b.clear());
      Wire.writeFully(ch, b.flip());
    }
  }
}

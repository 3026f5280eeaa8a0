package org.loombus.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Baseline for the QoS-0 measurement: one write per record of a delivered frame's size (6-byte
 * header + payload) over plain Unix socket pairs, read in large chunks, with no broker between.
 * This is what one system call per frame costs on this machine; batched writes would only measure
 * memory bandwidth.
 */
final class RawStream implements Measurement {
  private static final int HEADER = 6;

  private final BenchOptions options;

  RawStream(BenchOptions options) {
    this.options = options;
  }

  @Override
  public String label() {
    return "raw Unix socket: " + (HEADER + options.payload()) + "-byte writes";
  }

  @Override
  public double run(long perPair) throws Exception {
    try (SocketPairs sockets = SocketPairs.open(options.pairs())) {
      byte[] record = new byte[HEADER + options.payload()];
      Arrays.fill(record, BenchOptions.PAYLOAD_BYTE);
      List<ParallelRun.Task> tasks = new ArrayList<>();
      for (int i = 0; i < options.pairs(); i++) {
        Window window = new Window(options.window());
        var writer = sockets.client(i);
        var reader = sockets.server(i);
        tasks.add(() -> StreamSender.send(writer, record, perPair, window, 1));
        tasks.add(() -> StreamReceiver.receive(
            reader, new RecordCounter(record.length), perPair, window));
      }
      long nanos = ParallelRun.nanos(tasks, options.limit());
      return perPair * options.pairs() * 1e9 / nanos;
    }
  }
}

package org.loombus.bench;

import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.loombus.protocol.Qos;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * Fire-and-forget direct messages (QoS 0) from each sender to its own receiver through the
 * broker, timed until every receiver has every frame. Senders write many frames per system call,
 * as the broker's own writer does.
 */
final class BrokerStream implements Measurement {
  private final BenchOptions options;
  private final UnixDomainSocketAddress broker;

  BrokerStream(BenchOptions options, UnixDomainSocketAddress broker) {
    this.options = options;
    this.broker = broker;
  }

  @Override
  public String label() {
    return "broker: QoS 0 send + receive";
  }

  @Override
  public double run(long perPair) throws Exception {
    try (BrokerPairs clients = BrokerPairs.register(broker, options.pairs())) {
      long nanos = ParallelRun.nanos(pairTasks(options, clients, perPair), options.limit());
      return perPair * options.pairs() * 1e9 / nanos;
    }
  }

  /**
   * @return for every pair, a sender of {@code perPair} QoS-0 messages to its receiver, paced by a
   *     window, and the receiver counting them
   */
  static List<ParallelRun.Task> pairTasks(BenchOptions options, BrokerPairs clients, long perPair) {
    byte[] payload = options.payloadBytes();
    List<ParallelRun.Task> tasks = new ArrayList<>();
    for (int i = 0; i < options.pairs(); i++) {
      Window window = new Window(options.window());
      byte[] frame =
          Frames.clientFrame(0, Ops.MESSAGE, Qos.NO, clients.receiverName(i), payload);
      var sender = clients.sender(i);
      var receiver = clients.receiver(i);
      int body = clients.senderName(i).length + 1 + payload.length;
      tasks.add(() -> StreamSender.send(sender, frame, perPair, window, StreamSender.BATCH));
      tasks.add(() -> StreamReceiver.receive(
          receiver, new DeliveryCounter(Ops.MESSAGE, body), perPair, window));
    }
    return tasks;
  }
}

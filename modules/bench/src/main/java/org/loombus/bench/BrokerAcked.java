package org.loombus.bench;

import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.loombus.protocol.Qos;
import org.loombus.protocol.wire.Frames;
import org.loombus.protocol.wire.Ops;

/**
 * Acknowledged direct messages (QoS 1): each sender waits for the ACK of one message before it
 * sends the next, and its receiver reads them. Timed until every ACK and every delivery is in.
 */
final class BrokerAcked implements Measurement {
  private final BenchOptions options;
  private final UnixDomainSocketAddress broker;

  BrokerAcked(BenchOptions options, UnixDomainSocketAddress broker) {
    this.options = options;
    this.broker = broker;
  }

  @Override
  public String label() {
    return "broker: QoS 1 send, ACK awaited";
  }

  @Override
  public double run(long perPair) throws Exception {
    try (BrokerPairs clients = BrokerPairs.register(broker, options.pairs())) {
      byte[] payload = options.payloadBytes();
      List<ParallelRun.Task> tasks = new ArrayList<>();
      for (int i = 0; i < options.pairs(); i++) {
        Window window = new Window(options.window());
        byte[] frame =
            Frames.clientFrame(0, Ops.MESSAGE, Qos.PROCESSED, clients.receiverName(i), payload);
        var sender = clients.sender(i);
        var receiver = clients.receiver(i);
        int body = clients.senderName(i).length + 1 + payload.length;
        tasks.add(() -> AckedSender.send(sender, frame, perPair, window));
        tasks.add(() -> StreamReceiver.receive(
            receiver, new DeliveryCounter(Ops.MESSAGE, body), perPair, window));
      }
      long nanos = ParallelRun.nanos(tasks, options.limit());
      return perPair * options.pairs() * 1e9 / nanos;
    }
  }
}

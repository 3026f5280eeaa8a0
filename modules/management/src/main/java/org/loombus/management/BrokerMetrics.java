package org.loombus.management;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.BrokerStatistics;
import org.loombus.broker.ClientInfo;

/**
 * What the metrics endpoint shows: the broker's counters, per-client figures labelled by client
 * name (primaries, as {@code client.list} lists them), and a histogram of the clients' queue
 * depths at the moment of the scrape; then the federation's and the Aldrin bus's figures, where
 * there are such.
 */
final class BrokerMetrics {
  private BrokerMetrics() {}

  /**
   * @param broker the broker
   * @param aldrin the Aldrin bus beside it, or null if there is none
   * @return the exposition text of their figures now
   */
  static String render(BrokerHandle broker, AldrinBroker aldrin) {
    BrokerStatistics s = broker.statistics();
    List<ClientInfo> clients = broker.clients();
    PrometheusText t = new PrometheusText();
    t.family("loombus_uptime_seconds", "gauge", "Time since the broker was created.")
        .sample("loombus_uptime_seconds", s.uptime().toMillis() / 1000.0);
    t.family("loombus_clients", "gauge",
            "Clients registered now: primaries and secondaries, in-process ones included.")
        .sample("loombus_clients", s.clients());
    t.counter("loombus_received_frames_total", "Frames accepted from clients (stats r_frames).",
        s.rFrames());
    t.counter("loombus_received_bytes_total", "Bytes of the frames accepted from clients (stats r_bytes).",
        s.rBytes());
    t.counter("loombus_sent_frames_total",
        "Frames queued to clients, deliveries and ACKs (stats w_frames).", s.wFrames());
    t.counter("loombus_sent_bytes_total", "Bytes of the frames queued to clients (stats w_bytes).",
        s.wBytes());
    t.counter("loombus_dropped_frames_total",
        "Deliveries that could not be queued (full or closed target queue).", s.droppedFrames());
    t.counter("loombus_forced_disconnects_total",
        "Clients the broker disconnected (queue overflow, timeout, protocol error, force).",
        s.forcedDisconnects());
    t.counter("loombus_rejected_handshakes_total", "Handshakes that failed or were refused.",
        s.rejectedHandshakes());
    clientFigures(t, clients);
    queueDepths(t, clients, broker.config().queueSize());
    broker.remoteStatistics().ifPresent(f -> FederationMetrics.render(t, f));
    if (aldrin != null) {
      AldrinMetrics.render(t, aldrin.counters());
    }
    return t.toString();
  }

  private static void clientFigures(PrometheusText t, List<ClientInfo> clients) {
    t.family("loombus_client_info", "gauge",
        "1 for every registered primary client, with how it is attached.");
    for (ClientInfo c : clients) {
      t.sample("loombus_client_info", 1, "client", c.name(), "kind", c.kind().wireName(),
          "source", c.source(), "port", c.port());
    }
    t.family("loombus_client_connected_since_seconds", "gauge",
        "When the client registered, in seconds since the Unix epoch.");
    for (ClientInfo c : clients) {
      t.sample("loombus_client_connected_since_seconds",
          c.connectedSince().toEpochMilli() / 1000.0, "client", c.name());
    }
    perClient(t, clients, "loombus_client_queued_frames", "gauge",
        "Frames waiting in the client's outgoing queue now.", ClientInfo::queue);
    perClient(t, clients, "loombus_client_instances", "gauge",
        "1 + the client's registered secondaries.", ClientInfo::instances);
    perClient(t, clients, "loombus_client_received_frames_total", "counter",
        "Frames received from the client since it registered.", ClientInfo::rFrames);
    perClient(t, clients, "loombus_client_received_bytes_total", "counter",
        "Bytes received from the client since it registered.", ClientInfo::rBytes);
    perClient(t, clients, "loombus_client_sent_frames_total", "counter",
        "Frames queued to the client since it registered, deliveries and ACKs.",
        ClientInfo::wFrames);
    perClient(t, clients, "loombus_client_sent_bytes_total", "counter",
        "Bytes queued to the client since it registered.", ClientInfo::wBytes);
  }

  private static void perClient(PrometheusText t, List<ClientInfo> clients, String name,
      String type, String help, ToLongFunction<ClientInfo> value) {
    t.family(name, type, help);
    for (ClientInfo c : clients) {
      t.sample(name, value.applyAsLong(c), "client", c.name());
    }
  }

  /**
   * A histogram of one snapshot (the queue depth of each primary client now), not of events over
   * time: buckets by powers of four up to the queue size, whose bucket holds the full queues.
   */
  private static void queueDepths(PrometheusText t, List<ClientInfo> clients, int queueSize) {
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    for (int b = 1; b < queueSize; b *= 4) {
      bounds.add(b);
    }
    bounds.add(queueSize);
    String name = "loombus_queue_depth_frames";
    t.family(name, "histogram",
        "Outgoing queue depths of the primary clients at the time of the scrape.");
    long sum = 0;
    for (ClientInfo c : clients) {
      sum += c.queue();
    }
    for (int bound : bounds) {
      long count = clients.stream().filter(c -> c.queue() <= bound).count();
      t.sample(name + "_bucket", count, "le", Integer.toString(bound));
    }
    t.sample(name + "_bucket", clients.size(), "le", "+Inf");
    t.sample(name + "_sum", sum);
    t.sample(name + "_count", clients.size());
  }
}

package org.loombus.management;

import org.loombus.broker.RemoteStatistics;

/** The federation's figures on the metrics endpoint, shown only by a federated broker. */
final class FederationMetrics {
  private FederationMetrics() {}

  static void render(PrometheusText t, RemoteStatistics f) {
    t.family("loombus_federation_connected", "gauge",
            "1 while the link to NATS is up, else 0; labelled with this node and its server.")
        .sample("loombus_federation_connected", f.connected() ? 1 : 0, "node", f.node(),
            "server", f.server());
    t.counter("loombus_federation_reconnects_total", "Times the NATS link came back after a loss.",
        f.reconnects());
    t.counter("loombus_federation_frames_out_total", "Frames sent to other nodes.",
        f.framesOut());
    t.counter("loombus_federation_frames_in_total", "Frames received from other nodes.",
        f.framesIn());
    t.counter("loombus_federation_remote_deliveries_total",
        "Frames from other nodes queued to a client here.", f.remoteDeliveries());
    t.counter("loombus_federation_errors_total",
        "Frames that could not cross (link down, too large, unanswered, malformed).", f.errors());
    t.family("loombus_federation_nodes", "gauge", "Other nodes seen alive now.")
        .sample("loombus_federation_nodes", f.nodes());
    t.family("loombus_federation_remote_clients", "gauge",
            "Clients registered on the other nodes now, secondaries included.")
        .sample("loombus_federation_remote_clients", f.remoteClients());
  }
}

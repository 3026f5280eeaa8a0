package org.loombus.management;

import org.loombus.aldrin.broker.AldrinCounters;

/** The Aldrin bus's figures on the metrics endpoint, shown only beside an Aldrin bus. */
final class AldrinMetrics {
  private AldrinMetrics() {}

  static void render(PrometheusText t, AldrinCounters a) {
    t.gauge("loombus_aldrin_connections", "Aldrin clients connected now.", a.connections());
    t.gauge("loombus_aldrin_objects", "Objects on the Aldrin bus now.", a.objects());
    t.gauge("loombus_aldrin_services", "Services on the Aldrin bus now.", a.services());
    t.gauge("loombus_aldrin_channels", "Aldrin channels with at least one end claimed now.",
        a.channels());
    t.gauge("loombus_aldrin_bus_listeners", "Aldrin bus listeners now.", a.busListeners());
    t.gauge("loombus_aldrin_introspections", "Type ids with registered introspection now.",
        a.introspections());
    t.counter("loombus_aldrin_messages_sent_total",
        "Messages the Aldrin bus sent to clients (handshake answers not counted).",
        a.messagesSent());
    t.counter("loombus_aldrin_messages_received_total",
        "Messages Aldrin clients sent to the bus (handshakes and Shutdown not counted).",
        a.messagesReceived());
    t.counter("loombus_aldrin_connections_accepted_total",
        "Aldrin clients that completed the handshake and joined the bus.",
        a.connectionsAccepted());
    t.counter("loombus_aldrin_handshakes_refused_total",
        "Aldrin handshakes refused by the admission or for a version not supported.",
        a.handshakesRefused());
    String name = "loombus_aldrin_disconnects_total";
    t.family(name, "counter", "Aldrin clients the bus disconnected, by reason.")
        .sample(name, a.queueFullDisconnects(), "reason", "queue_full")
        .sample(name, a.writeDeadlineDisconnects(), "reason", "write_deadline")
        .sample(name, a.protocolDisconnects(), "reason", "protocol")
        .sample(name, a.entryLimitDisconnects(), "reason", "entry_limit")
        .sample(name, a.handshakeTimeouts(), "reason", "handshake_timeout")
        .sample(name, a.shutdownsUnanswered(), "reason", "shutdown_unanswered");
  }
}

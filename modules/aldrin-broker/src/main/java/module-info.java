/**
 * The Aldrin routing core: a broker for clients of the Rust Aldrin protocol 1.14 to 1.20
 * ({@code docs/aldrin.md}), with the semantics and message order of aldrin-broker 0.13. {@link
 * org.loombus.aldrin.broker.AldrinBroker} serves one blocking byte channel per client (any
 * transport: the daemon hands it the sockets of its listeners), decides admission through an
 * {@link org.loombus.aldrin.broker.Admission}, and keeps objects, services, calls, events,
 * channels, bus listeners and introspection in one lock-guarded routing table. Opens no sockets
 * and installs no logging provider; threads come from the configured factory.
 *
 * <p>Exports {@code org.loombus.aldrin.broker}; the routing state in {@code
 * org.loombus.aldrin.broker.internal} stays unexported.
 */
module org.loombus.aldrin.broker {
  // Messages, values and the handshake appear in the API (Admission sees the client's data).
  requires transitive org.loombus.aldrin.protocol;

  exports org.loombus.aldrin.broker;
}

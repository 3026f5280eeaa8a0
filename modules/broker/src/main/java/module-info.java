/**
 * The transport-agnostic BUS/RT broker: routing state, registration, handshakes over any blocking
 * byte channel, in-process clients, access rules, statistics and shutdown. It opens no sockets; a
 * server hands it {@link org.loombus.broker.Transport}s. Whatever it must run concurrently
 * (connection writers, the keep-alive ticker, the announcer) comes from the
 * {@link java.util.concurrent.ThreadFactory} in its {@link org.loombus.broker.BrokerConfig}.
 *
 * <p>Exports the API package, and {@code internal.log} (the rate-limited log of failing
 * connections) to the listeners only. The internals follow a frame's path: {@code
 * internal.accept} (handshake, deadlines and keep-alive, pending and established connections),
 * {@code internal.read} (the frame reader), {@code internal.route} (registry, topic trees, router,
 * counters), {@code internal.write} (outboxes, the stream writer, the memory budget), and
 * {@code internal} itself (the broker's life cycle, in-process clients, announcements).
 */
module org.loombus.broker {
  // BusClient, Frame and Qos are part of this module's API (transitive); the codec is used within.
  requires transitive org.loombus.protocol;

  exports org.loombus.broker;
  // The listeners log connections that fail before the broker's handshake as it logs its own.
  exports org.loombus.broker.internal.log to org.loombus.server;
}

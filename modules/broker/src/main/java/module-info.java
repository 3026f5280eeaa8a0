/**
 * The transport-agnostic broker: routing state, registration, handshakes over any blocking byte
 * channel, in-process clients, statistics and shutdown. It opens no sockets; a server hands it
 * {@link org.loombus.broker.Transport}s. Whatever it must run concurrently (connection writers,
 * the keep-alive ticker) comes from the {@link java.util.concurrent.ThreadFactory} in its
 * {@link org.loombus.broker.BrokerConfig}.
 */
module org.loombus.broker {
  // BusClient, Frame and the codec are part of this module's API (transitive).
  requires transitive org.loombus.protocol;

  exports org.loombus.broker;
}

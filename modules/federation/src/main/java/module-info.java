/**
 * Federation: several brokers form one bus through NATS (docs/federation.md).
 * {@link org.loombus.federation.Federation} joins a broker to the others through the broker's
 * {@code RemoteRoutes} SPI: direct messages to names of other nodes, broadcasts and publications
 * cross as NATS messages (publications on subjects mapped from their topics, so NATS routes them
 * by interest), with a directory of names kept by announcements and heartbeats. NATS does the
 * clustering, reconnection and routing; this module writes none of its own.
 */
module org.loombus.federation {
  // RemoteRoutes is implemented here; Federation.start takes a BrokerHandle.
  requires transitive org.loombus.broker;
  // The first bytes of RPC payloads: which answers may wait for the reply (AnswerTiming).
  requires org.loombus.rpc;
  // The NATS client.
  requires io.nats.jnats;

  exports org.loombus.federation;
}

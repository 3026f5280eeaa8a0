package org.loombus.management;

/**
 * An Aldrin bus as JMX shows it, under {@value AldrinJmx#NAME}: what is on the bus now and what
 * was counted since the bus started ({@code AldrinBroker.counters()}, docs/aldrin.md).
 */
public interface AldrinMXBean {
  /** @return Aldrin clients connected now */
  int getConnections();

  /** @return objects on the bus now */
  int getObjects();

  /** @return services on the bus now */
  int getServices();

  /** @return channels with at least one end claimed now */
  int getChannels();

  /** @return bus listeners now */
  int getBusListeners();

  /** @return type ids with registered introspection now */
  int getIntrospections();

  /** @return messages the bus sent to clients (handshake answers not counted) */
  long getMessagesSent();

  /** @return messages clients sent to the bus (handshakes and Shutdown not counted) */
  long getMessagesReceived();

  /** @return clients that completed the handshake and joined the bus */
  long getConnectionsAccepted();

  /** @return handshakes refused by the admission or for a version not supported */
  long getHandshakesRefused();

  /** @return clients disconnected because their outgoing queue was full */
  long getQueueFullDisconnects();

  /** @return clients disconnected because a write to them blocked past the write deadline */
  long getWriteDeadlineDisconnects();

  /** @return clients disconnected for undecodable bytes or messages the protocol forbids there */
  long getProtocolDisconnects();

  /** @return clients disconnected for holding more entries than one client may */
  long getEntryLimitDisconnects();

  /** @return clients disconnected for not completing the handshake in time */
  long getHandshakeTimeouts();

  /** @return clients disconnected for not answering the broker's Shutdown in time */
  long getShutdownsUnanswered();
}

package org.loombus.management;

/**
 * One registered primary client as JMX shows it, under
 * {@code org.loombus:type=Client,name="<quoted client name>"}: the fields of {@code client.list}
 * (docs/protocol.md §5.4) and when it registered. The bean appears within a second of the
 * registration and disappears within a second of the client leaving.
 */
public interface ClientMXBean {
  /** @return the registered name */
  String getName();

  /** @return {@code internal}, {@code local_ipc} or {@code tcp} */
  String getKind();

  /** @return {@code ip:port} of a TCP peer, else {@code null} */
  String getSource();

  /** @return the listener's bind string for a socket client, else {@code null} */
  String getPort();

  /** @return frames waiting in the client's outgoing queue now */
  int getQueueDepth();

  /** @return frames received from the client */
  long getFramesIn();

  /** @return bytes received from the client */
  long getBytesIn();

  /** @return frames queued to the client, deliveries and ACKs */
  long getFramesOut();

  /** @return bytes queued to the client */
  long getBytesOut();

  /** @return 1 + the client's registered secondaries */
  int getInstances();

  /** @return when the client registered, ISO-8601 in UTC, e.g. {@code 2026-11-22T02:35:51.509Z} */
  String getConnectedSince();

  /** @return whether the client is still registered; the figures are its last ones if not */
  boolean isConnected();
}

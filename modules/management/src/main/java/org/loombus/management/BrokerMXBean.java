package org.loombus.management;

/**
 * The broker as JMX shows it, under {@code org.loombus:type=Broker}: the counters of the
 * {@code .broker} {@code stats} method (docs/protocol.md §5.3) and the broker's own drop and
 * disconnect counts, all since the broker was created, and two operations for operators.
 */
public interface BrokerMXBean {
  /** @return whole seconds since the broker was created */
  long getUptimeSeconds();

  /** @return clients registered now: primaries and secondaries, in-process ones included */
  int getClients();

  /** @return frames accepted from clients ({@code r_frames}) */
  long getFramesIn();

  /** @return bytes of the frames accepted from clients ({@code r_bytes}) */
  long getBytesIn();

  /** @return frames queued to clients, deliveries and ACKs ({@code w_frames}) */
  long getFramesOut();

  /** @return bytes of the frames queued to clients ({@code w_bytes}) */
  long getBytesOut();

  /** @return deliveries that could not be queued (full or closed target queue) */
  long getDroppedFrames();

  /** @return clients the broker disconnected (queue overflow, timeout, protocol error, force) */
  long getForcedDisconnects();

  /** @return handshakes that failed or were refused */
  long getRejectedHandshakes();

  /**
   * Disconnects a socket client, as {@code force_disconnect} does (docs/protocol.md §6.3).
   *
   * @param name the client's full name
   * @throws IllegalArgumentException if no such client is registered or it is an in-process one
   */
  void forceDisconnect(String name);

  /**
   * Reloads the access rules file now, as SIGHUP does; clients whose rules changed are
   * disconnected.
   *
   * @return one line saying what happened, e.g. how many clients were disconnected, or why the
   *     file was rejected (the previous rules then stay)
   * @throws IllegalStateException if the broker runs without a rules file
   */
  String reloadAaa();
}

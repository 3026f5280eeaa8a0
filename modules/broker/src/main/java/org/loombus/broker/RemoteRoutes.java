package org.loombus.broker;

import java.util.List;

/**
 * Service-provider interface through which a broker reaches clients registered on other brokers
 * (federation, docs/federation.md). Installed with {@link BrokerHandle#federate}; the broker calls
 * it only for what it cannot settle locally, and never for frames that came in through the
 * {@link RemoteDelivery} it handed out, so a frame is never forwarded twice.
 *
 * <p>Names beginning with a dot (the broker's own {@code .broker}) stay local: the broker never
 * asks about them and never reports them.
 *
 * <p>Threads: {@link #message}, {@link #broadcast} and {@link #publish} run on the sender's
 * reader thread and may wait a bounded time (that paces the sender); every other method runs with
 * the routing table's lock held and must return at once, without calling back into the broker.
 */
public interface RemoteRoutes {
  /** Returned by {@link #message} when it will answer through the {@link RemoteAck} instead. */
  int PENDING = -100;

  /**
   * A direct message to a name registered nowhere on this broker.
   *
   * @param sender the sender's full name
   * @param target the target's full name
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   * @param ack where to complete the sender's ACK later, {@code null} when it wants none
   * @return {@link #PENDING} if {@code ack} will be completed later, else the ACK's result code:
   *     {@code 71} when no broker has the name, {@code 01} when sent without an ACK wanted
   */
  int message(String sender, String target, byte[] src, int off, int len, boolean realtime,
      RemoteAck ack);

  /**
   * A broadcast, after its local fan-out.
   *
   * @param sender the sender's full name
   * @param mask the name mask
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   */
  void broadcast(String sender, String mask, byte[] src, int off, int len, boolean realtime);

  /**
   * A publication (or publish-for), after its local fan-out.
   *
   * @param sender the sender's full name
   * @param topic the topic
   * @param receiver the primary name of a publish-for, else {@code null}
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   */
  void publish(String sender, String topic, String receiver, byte[] src, int off, int len,
      boolean realtime);

  /**
   * @param primary a primary name about to be registered here
   * @return whether another broker holds it, so that this registration is refused with {@code 76}
   */
  boolean isRegisteredElsewhere(String primary);

  /**
   * A client (primary or secondary) was registered here.
   *
   * @param name its full name
   * @param kind how it is attached
   */
  void registered(String name, ClientKind kind);

  /** @param name the full name of a client no longer registered here */
  void unregistered(String name);

  /** @param mask a subscription mask that a client here has added */
  void subscribed(String mask);

  /** @param mask a subscription mask that a client here has dropped */
  void unsubscribed(String mask);

  /** @return the primary clients of the other brokers, as this broker knows them now */
  List<RemoteClient> clients();

  /** @return the federation's counters and link state */
  RemoteStatistics statistics();
}

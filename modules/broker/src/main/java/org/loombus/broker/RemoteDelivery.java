package org.loombus.broker;

/**
 * What a {@link RemoteRoutes} provider uses to hand frames from other brokers to the clients of
 * this one. Deliveries go to local clients only and are never offered to the provider again. The
 * calling thread is held back while a receiver's queue is full (as a socket sender is), so the
 * provider must call it from a thread that may wait, and from one thread if it wants the frames of
 * one sender delivered in order.
 *
 * <p>Sender names arrive as the UTF-8 bytes the other broker took from its client: they go into
 * the delivered frames unchanged.
 */
public interface RemoteDelivery {
  /**
   * @param sender the sender's full name, UTF-8
   * @param target the target's full name
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   * @return the result code the sender's ACK carries: {@code 01}, {@code 71} when the target is
   *     not registered here, {@code 77} when its queue stays full
   */
  int message(byte[] sender, String target, byte[] src, int off, int len, boolean realtime);

  /**
   * @param sender the sender's full name, UTF-8
   * @param mask the name mask
   * @param src array holding the payload
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   * @return how many clients here it was offered to
   */
  int broadcast(byte[] sender, String mask, byte[] src, int off, int len, boolean realtime);

  /**
   * @param sender the sender's full name, UTF-8
   * @param topic the topic
   * @param receiver the primary name of a publish-for, else {@code null}
   * @param src array holding the topic's UTF-8 bytes and the payload
   * @param topicOff topic offset
   * @param topicLen topic length
   * @param off payload offset
   * @param len payload length
   * @param realtime whether the sender used a real-time QoS
   * @return how many clients here it was offered to
   */
  int publish(byte[] sender, String topic, String receiver, byte[] src, int topicOff,
      int topicLen, int off, int len, boolean realtime);

  /**
   * Disconnects the client registered here under {@code name}, e.g. because another broker holds
   * the name by the federation's rule; nothing happens if there is none.
   *
   * @param name a full client name
   * @param reason why, for the log line
   */
  void evict(String name, String reason);
}

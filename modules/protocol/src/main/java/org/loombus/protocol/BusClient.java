package org.loombus.protocol;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A client of the bus: the same operations whether it lives in the broker's process (an
 * in-process client registered through the broker handle) or talks to a broker over a Unix or TCP
 * socket. Operations return a {@link Confirmation}; with {@link Qos#PROCESSED} or
 * {@link Qos#REALTIME_PROCESSED} it carries the broker's result code. All methods are thread-safe
 * and may block only briefly (they never wait for another client).
 */
public interface BusClient extends AutoCloseable {

  /** @return the client's full registered name */
  String name();

  /**
   * Sends a one-to-one message (op {@code 12}). The target is a literal name, never a mask.
   *
   * @param target the receiver's full name
   * @param payload the payload
   * @param qos QoS
   * @return the confirmation ({@link ResultCode#NOT_REGISTERED} for an absent target)
   */
  Confirmation send(String target, byte[] payload, Qos qos);

  /**
   * Sends a message to every client whose name matches a mask (op {@code 13}).
   *
   * @param mask a name mask such as {@code group.*}
   * @param payload the payload
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation broadcast(String mask, byte[] payload, Qos qos);

  /**
   * Publishes to a topic (op {@code 01}).
   *
   * @param topic the topic
   * @param payload the payload
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation publish(String topic, byte[] payload, Qos qos);

  /**
   * Publishes to the subscribers of a topic whose primary name is {@code receiver} (op
   * {@code 06}).
   *
   * @param topic the topic
   * @param receiver a primary client name
   * @param payload the payload
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation publishFor(String topic, String receiver, byte[] payload, Qos qos);

  /**
   * Subscribes to topic masks in one frame.
   *
   * @param masks topic masks
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation subscribe(Collection<String> masks, Qos qos);

  /**
   * Removes subscriptions (exact mask strings) in one frame.
   *
   * @param masks topic masks
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation unsubscribe(Collection<String> masks, Qos qos);

  /**
   * Excludes topics from this client's publications in one frame.
   *
   * @param masks topic masks
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation exclude(Collection<String> masks, Qos qos);

  /**
   * Removes exclusions (exact mask strings) in one frame.
   *
   * @param masks topic masks
   * @param qos QoS
   * @return the confirmation
   */
  Confirmation unexclude(Collection<String> masks, Qos qos);

  /**
   * @param mask a topic mask
   * @param qos QoS
   * @return the confirmation
   */
  default Confirmation subscribe(String mask, Qos qos) {
    return subscribe(List.of(mask), qos);
  }

  /**
   * @param mask a topic mask
   * @param qos QoS
   * @return the confirmation
   */
  default Confirmation unsubscribe(String mask, Qos qos) {
    return unsubscribe(List.of(mask), qos);
  }

  /**
   * @param mask a topic mask
   * @param qos QoS
   * @return the confirmation
   */
  default Confirmation exclude(String mask, Qos qos) {
    return exclude(List.of(mask), qos);
  }

  /**
   * @param mask a topic mask
   * @param qos QoS
   * @return the confirmation
   */
  default Confirmation unexclude(String mask, Qos qos) {
    return unexclude(List.of(mask), qos);
  }

  /**
   * Lets {@code interceptor} see each frame delivered to this client before it is queued for
   * {@link #receive()}, on the thread that delivers it: the socket client's reader, or the sending
   * thread for an in-process client. A frame it takes (returns true) is not queued. It must be
   * quick and never block: later frames of this client wait for it. The RPC layer completes calls
   * this way without a thread hand-off.
   *
   * @param interceptor the filter, or {@code null} to remove it
   * @throws UnsupportedOperationException if the client receives through a handler, not a queue
   */
  void intercept(java.util.function.Predicate<Frame> interceptor);

  /**
   * Registers a secondary client {@code <name>%%<n>} of this primary client.
   *
   * @return the secondary client
   * @throws BusException if this client is itself a secondary or registration fails
   */
  BusClient registerSecondary();

  /**
   * Waits for the next incoming frame.
   *
   * @return the frame
   * @throws InterruptedException if interrupted while waiting
   * @throws ClientClosedException once the client is closed or disconnected and nothing is left
   */
  Frame receive() throws InterruptedException;

  /**
   * Waits at most {@code timeout} for the next incoming frame.
   *
   * @param timeout how long to wait
   * @return the frame, or {@code null} if none arrived in time
   * @throws InterruptedException if interrupted while waiting
   * @throws ClientClosedException once the client is closed or disconnected and nothing is left
   */
  Frame receive(Duration timeout) throws InterruptedException;

  /** @return whether the client is still registered with the broker */
  boolean isConnected();

  /** Leaves the bus; idempotent. */
  @Override
  void close();
}

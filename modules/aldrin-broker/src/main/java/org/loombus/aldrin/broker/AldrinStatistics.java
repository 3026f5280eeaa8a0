package org.loombus.aldrin.broker;

import java.time.Instant;

/**
 * One interval of an {@link AldrinBroker}'s statistics, with aldrin-broker's semantics: the
 * counters cover the time from {@code start} (the previous take, or the broker's start) to {@code
 * end} (this take) and are reset by each take; the gauges are what exists at {@code end}.
 *
 * @param start when the interval began
 * @param end when it was taken
 * @param messagesSent messages the routing core sent to clients in the interval, as aldrin-broker
 *     counts them: handshake answers and the answer to a client's {@code Shutdown} are not
 *     counted, a {@code Shutdown} the broker sends is
 * @param messagesReceived messages clients sent to the routing core in the interval (handshakes
 *     and {@code Shutdown} not counted)
 * @param connections connected clients
 * @param objects objects on the bus
 * @param services services on the bus
 * @param channels channels with at least one end claimed
 * @param busListeners bus listeners
 * @param introspections type ids with registered introspection
 */
public record AldrinStatistics(
    Instant start,
    Instant end,
    long messagesSent,
    long messagesReceived,
    int connections,
    int objects,
    int services,
    int channels,
    int busListeners,
    int introspections) {}

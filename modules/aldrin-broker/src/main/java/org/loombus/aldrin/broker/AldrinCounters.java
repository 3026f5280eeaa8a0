package org.loombus.aldrin.broker;

/**
 * An {@link AldrinBroker}'s figures for monitoring: the gauges as they are now and counters since
 * the broker started, never reset (unlike {@link AldrinStatistics}, whose counters cover one
 * interval). Every disconnect the broker makes for one of the reasons below counts once, with the
 * line it logs; clients that leave, and those dropped while the broker shuts down, are in none.
 *
 * @param connections connected clients
 * @param objects objects on the bus
 * @param services services on the bus
 * @param channels channels with at least one end claimed
 * @param busListeners bus listeners
 * @param introspections type ids with registered introspection
 * @param messagesSent messages the routing core sent to clients, counted as {@link
 *     AldrinStatistics#messagesSent()} counts them
 * @param messagesReceived messages clients sent to the routing core, counted as {@link
 *     AldrinStatistics#messagesReceived()} counts them
 * @param connectionsAccepted clients that completed the handshake and joined the bus
 * @param handshakesRefused handshakes refused by the admission or for a version not supported
 * @param queueFullDisconnects clients dropped because their outgoing queue was full
 * @param writeDeadlineDisconnects clients dropped because a write to them blocked past the write
 *     deadline
 * @param protocolDisconnects clients dropped for bytes that do not decode or messages the
 *     protocol does not allow there
 * @param entryLimitDisconnects clients dropped for going beyond {@link
 *     AldrinBrokerConfig#maxEntriesPerClient()}
 * @param handshakeTimeouts clients dropped for not completing the handshake in time
 * @param shutdownsUnanswered clients dropped for not answering the broker's {@code Shutdown} in
 *     time
 */
public record AldrinCounters(
    int connections,
    int objects,
    int services,
    int channels,
    int busListeners,
    int introspections,
    long messagesSent,
    long messagesReceived,
    long connectionsAccepted,
    long handshakesRefused,
    long queueFullDisconnects,
    long writeDeadlineDisconnects,
    long protocolDisconnects,
    long entryLimitDisconnects,
    long handshakeTimeouts,
    long shutdownsUnanswered) {}

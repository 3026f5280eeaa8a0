package org.loombus.broker;

import java.time.Duration;

/**
 * Broker-wide counters since the broker was created.
 *
 * @param uptime time since creation
 * @param rFrames frames accepted from clients (§5.3)
 * @param rBytes bytes accepted from clients
 * @param wFrames frames queued to clients, ACKs included
 * @param wBytes bytes queued to clients
 * @param clients clients registered now (primaries and secondaries, in-process included)
 * @param droppedFrames deliveries that could not be queued (full or closed target queue)
 * @param forcedDisconnects clients the broker disconnected (overflow, timeout, protocol error,
 *     force-disconnect, replacement under force-register); a client that closes or loses its
 *     connection is not counted
 * @param rejectedHandshakes handshakes that failed or were refused
 */
public record BrokerStatistics(
    Duration uptime,
    long rFrames,
    long rBytes,
    long wFrames,
    long wBytes,
    int clients,
    long droppedFrames,
    long forcedDisconnects,
    long rejectedHandshakes) {}

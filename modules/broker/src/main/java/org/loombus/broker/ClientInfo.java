package org.loombus.broker;

import java.time.Instant;

/**
 * One client as {@code client.list} reports it (docs/protocol.md §5.4).
 *
 * @param name registered name
 * @param kind how it is attached
 * @param source {@code ip:port} of a network peer, else {@code null}
 * @param port the listener's bind string for socket clients, else {@code null}
 * @param rFrames frames received from the client
 * @param rBytes bytes received from the client (body lengths)
 * @param wFrames frames queued to the client (deliveries and ACKs)
 * @param wBytes bytes queued to the client (as counted by §5.3)
 * @param queue frames waiting in its outgoing queue now
 * @param instances 1 + registered secondaries
 * @param connectedSince when the client registered (not on the wire; for operators' tools)
 */
public record ClientInfo(
    String name,
    ClientKind kind,
    String source,
    String port,
    long rFrames,
    long rBytes,
    long wFrames,
    long wBytes,
    int queue,
    int instances,
    Instant connectedSince) {}

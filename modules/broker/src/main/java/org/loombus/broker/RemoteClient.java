package org.loombus.broker;

/**
 * A primary client registered on another broker of the federation, as {@code client.list}
 * reports it (docs/federation.md).
 *
 * @param name its name
 * @param kind how it is attached to its own broker
 * @param node the name of the broker it is registered on
 * @param instances 1 + its secondaries there
 */
public record RemoteClient(String name, ClientKind kind, String node, int instances) {}

package org.loombus.broker;

/**
 * Counters of a broker's federation link since it started (docs/federation.md).
 *
 * @param node this broker's node name
 * @param connected whether the link to the message system is up now
 * @param server the server it is connected to, or the empty string
 * @param reconnects how many times the link came back after a loss
 * @param framesOut frames sent to other brokers
 * @param framesIn frames received from other brokers
 * @param remoteDeliveries frames from other brokers queued to a client here
 * @param errors frames that could not cross (link down, too large, no answer in time, refused
 *     input)
 * @param nodes other brokers seen alive now
 * @param remoteClients clients registered on them now, secondaries included
 */
public record RemoteStatistics(
    String node,
    boolean connected,
    String server,
    long reconnects,
    long framesOut,
    long framesIn,
    long remoteDeliveries,
    long errors,
    int nodes,
    int remoteClients) {}

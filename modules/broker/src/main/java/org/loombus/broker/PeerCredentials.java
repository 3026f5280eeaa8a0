package org.loombus.broker;

/**
 * The operating-system identity of a Unix-socket peer (from {@code SO_PEERCRED}).
 *
 * @param user the peer process's user name
 * @param group the peer process's group name
 */
public record PeerCredentials(String user, String group) {}

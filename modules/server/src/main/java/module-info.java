/**
 * Unix-socket, TCP and WebSocket listeners for a broker: {@link org.loombus.server.BrokerServer}
 * binds them and serves each accepted client on a thread of the broker's thread factory (virtual
 * by default), with access rules and socket-file permissions. The WebSocket server (RFC 6455,
 * with TLS from the JDK for {@code wss://}) is this module's own, in the unexported package
 * {@code internal.ws}: a small adapter that presents an upgraded connection as the byte stream
 * the broker's BUS/RT session reads and writes. A library: it installs no logging
 * provider, handles no signals and writes no files beyond its sockets, so an application can
 * embed a broker with listeners and keep its own logging.
 */
module org.loombus.server {
  // BrokerServer takes a BrokerHandle and AaaMap; clients become the broker's Transports.
  requires transitive org.loombus.broker;
  // SO_PEERCRED: the user and group of Unix-socket peers.
  requires jdk.net;

  exports org.loombus.server;
}

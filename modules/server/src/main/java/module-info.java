/**
 * Listeners, operations and the {@code loombusd} daemon. {@link org.loombus.server.BrokerServer}
 * binds Unix and TCP listeners for a broker and serves each client on its own virtual thread;
 * {@link org.loombus.server.management} shows a broker to JMX and Prometheus;
 * {@link org.loombus.server.Daemon} is the busrtd-compatible command line around them, logging
 * through tinylog.
 */
module org.loombus.server {
  requires transitive org.loombus.broker;
  // The daemon installs the .broker core RPC.
  requires org.loombus.rpc;
  // SO_PEERCRED: the user and group of Unix-socket peers.
  requires jdk.net;
  // sun.misc.Signal: SIGTERM/SIGINT end the daemon with status 0 after cleanup.
  requires jdk.unsupported;
  // The daemon logs through tinylog; library modules reach it through System.Logger.
  requires org.tinylog.api;
  // The broker and client MBeans in the platform MBean server; transitive: BrokerJmx names them
  // with javax.management.ObjectName.
  requires transitive java.management;
  // The JDK's HTTP server carries the Prometheus endpoint: no third-party dependency.
  requires jdk.httpserver;

  exports org.loombus.server;
  // Public so that JMX can call the MXBean interfaces, and embedders can show their broker too.
  exports org.loombus.server.management;

  provides java.lang.System.LoggerFinder with
      org.loombus.server.internal.TinylogLoggerFinder;
}

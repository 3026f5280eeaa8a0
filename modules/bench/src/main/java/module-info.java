/**
 * The benchmark runner {@link org.loombus.bench.BenchMain}: broker throughput over a Unix socket
 * (fire-and-forget and acknowledged direct messages between client pairs), measured in the same
 * run as the raw Unix-socket stream and ping-pong that bound it. Its clients write raw frames over
 * JDK socket channels. Not part of the image.
 */
module org.loombus.bench {
  // The in-process broker: Broker and BrokerServer (and, transitively, the protocol vocabulary).
  requires org.loombus.server;
  // Quiets the in-process broker's log (tinylog through the server's System.Logger binding).
  requires org.tinylog.api;
}

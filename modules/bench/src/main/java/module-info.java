/**
 * The benchmark runners. {@link org.loombus.bench.BenchMain}: broker throughput over a Unix socket
 * (fire-and-forget and acknowledged direct messages between client pairs), measured in the same
 * run as the raw Unix-socket stream and ping-pong that bound it; its clients write raw frames over
 * JDK socket channels. {@link org.loombus.bench.PerfMain}: {@code loombusd} in its own process
 * against the {@code loombus benchmark} stages and a two-process ping-pong (and, given a build of
 * the reference, its {@code busrtd} and {@code busrt benchmark} in the same runs), and the cost of
 * many idle clients. {@link org.loombus.bench.FederationPerf}: two federated {@code loombusd}
 * nodes across NATS against the same stages on one node and NATS's own request/reply. {@link
 * org.loombus.bench.AldrinPerf}: Aldrin calls and event fan-out against Loombus's Aldrin host and
 * the Rust aldrin-broker's, driven by the same Java client. Not part of the image.
 */
module org.loombus.bench {
  // The in-process broker: Broker and BrokerServer (and, transitively, the protocol vocabulary).
  requires org.loombus.server;
  // The idle clients of PerfMain --idle: socket clients that keep themselves alive.
  requires org.loombus.client;
  // The Aldrin codec of AldrinPerf's client.
  requires org.loombus.aldrin.protocol;
  // NATS's own request/reply, the baseline of FederationPerf.
  requires io.nats.jnats;
  // Quiets the in-process broker's log (tinylog, through the daemon's System.Logger binding).
  requires org.tinylog.api;
}

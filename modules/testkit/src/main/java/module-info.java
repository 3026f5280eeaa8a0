/**
 * The shared test kit for speaking to a real broker over real sockets:
 * {@link org.loombus.testkit.RawClient} writes and reads exact bytes,
 * {@link org.loombus.testkit.Peer} is a registered raw client with the expected frames written
 * out independently of the broker's encoder, {@link org.loombus.testkit.TestBroker} runs a broker
 * with Unix and TCP listeners in the test's JVM, {@link org.loombus.testkit.DaemonProcess} runs
 * {@code loombusd} as a process, {@link org.loombus.testkit.ProcessVitals} reads a process's
 * descriptors, threads and memory, {@link org.loombus.testkit.Exposition} parses Prometheus text.
 * Used by the tests of several modules; not part of the image.
 */
module org.loombus.testkit {
  // TestBroker: a broker with listeners and the .broker service; their types are in its API.
  requires transitive org.loombus.server;
  requires transitive org.loombus.broker.service;
  // Peer and DaemonRuns assert what they read.
  requires org.junit.jupiter.api;

  exports org.loombus.testkit;
}

/**
 * Test kit for speaking to a real broker over real sockets: {@link
 * org.loombus.conformance.RawClient} writes and reads exact bytes, {@link
 * org.loombus.conformance.TestBroker} runs a broker with Unix and TCP listeners in this JVM, and
 * {@link org.loombus.conformance.DaemonProcess} runs {@code loombusd} as a separate process. The
 * conformance tests of the spec's checklist live in this module's tests. Not part of the image.
 */
module org.loombus.conformance {
  requires transitive org.loombus.server;
  requires transitive org.loombus.rpc;

  exports org.loombus.conformance;
}

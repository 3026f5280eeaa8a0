/**
 * Fuzzing harness for the broker's wire decoding: {@link org.loombus.fuzz.ConnectionHarness}
 * serves one client byte stream through a real broker (handshake, registration, frame reader)
 * over an in-memory {@link org.loombus.fuzz.MemoryTransport} and checks what must hold for any
 * input. The coverage-guided fuzz tests (Jazzer) live in this module's tests, those of the Aldrin
 * codec's decoders and the stateful one of the Aldrin broker among them. Not part of the image.
 */
module org.loombus.fuzz {
  // The broker under test, reached through its public API only (Transport, PendingConnection).
  requires org.loombus.broker;
  // The Aldrin codec, whose decoders the Aldrin fuzz tests drive.
  requires org.loombus.aldrin.protocol;
  // The Aldrin broker, which the stateful Aldrin fuzz test drives through its public API.
  requires org.loombus.aldrin.broker;
  // com.sun.management.ThreadMXBean: bytes allocated by the thread serving one input.
  requires jdk.management;

  exports org.loombus.fuzz;
}

/**
 * The BUS/RT vocabulary every client and embedder sees: {@link org.loombus.protocol.BusClient},
 * the interface that in-process and socket clients both implement, with
 * {@link org.loombus.protocol.Frame}, {@link org.loombus.protocol.Qos}, result codes,
 * {@link org.loombus.protocol.Confirmation} and the exceptions. The one frame and handshake codec,
 * mask matching, strict UTF-8 and the client queue live in {@code org.loombus.protocol.wire},
 * exported only to the Loombus modules that speak the wire. Depends on nothing but java.base.
 */
module org.loombus.protocol {
  exports org.loombus.protocol;
  // The codec is an implementation piece of the broker and the clients, not anybody's API.
  exports org.loombus.protocol.wire
      to org.loombus.broker,
      org.loombus.federation,
      org.loombus.client,
      org.loombus.rpc,
      org.loombus.cli,
      org.loombus.testkit,
      org.loombus.fuzz,
      org.loombus.bench;
}

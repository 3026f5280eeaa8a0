/**
 * The BUS/RT wire vocabulary shared by the broker and by clients: op codes, frame kinds, QoS,
 * result codes, the handshake constants, name and topic mask matching, the delivered-frame
 * codec, strict UTF-8 decoding of names, and the {@link org.loombus.protocol.BusClient}
 * interface that in-process and socket clients both implement. Depends on nothing but java.base.
 */
module org.loombus.protocol {
  exports org.loombus.protocol;
}

/**
 * The Aldrin wire codec: framing of the byte stream, Aldrin's varints, the self-describing value
 * encoding in both of its epochs (with validation of forwarded values and conversion for older
 * receivers), every message kind of protocol 1.20 with a strict decoder, the version handshake,
 * and the message down-conversions a broker applies for clients of older minor versions. It opens
 * no sockets and holds no broker state; {@code docs/aldrin-protocol.md} describes the protocol as
 * implemented here. Depends on nothing but java.base.
 *
 * <p>Exports {@code org.loombus.aldrin.protocol}; the byte-level readers and writers in {@code
 * org.loombus.aldrin.protocol.internal} stay unexported.
 */
module org.loombus.aldrin.protocol {
  exports org.loombus.aldrin.protocol;
}

/**
 * The BUS/RT socket client: connects to a Loombus broker (or the reference {@code busrtd}) over a
 * Unix socket or TCP and offers the same {@link org.loombus.protocol.BusClient} interface as the
 * broker's in-process clients. Start with {@link org.loombus.client.BusClients#connect}. Uses JDK
 * socket channels only (Unix-domain sockets since JDK 16): one selector thread reads every
 * connection of the process, so an idle client costs no thread. Internals live in
 * {@code org.loombus.client.internal}, which is not exported.
 */
module org.loombus.client {
  // BusClient, Qos, Frame and the result codes are part of this module's API.
  requires transitive org.loombus.protocol;

  exports org.loombus.client;
}

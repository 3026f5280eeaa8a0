/**
 * Example: a process that uses a bus over a socket, as a plug-in or a service next to
 * {@code loombusd} (or any BUS/RT broker) would: publish and subscribe, serve RPC and call it. It
 * needs the socket client and the RPC layer only, no broker. Compiled and run by the tests; the
 * README's socket-client snippet is taken from it.
 */
module org.loombus.examples.client {
  // BusClients and ClientConfig, and through them BusClient, Frame and Qos.
  requires org.loombus.client;
  // RpcClient and MsgPack.
  requires org.loombus.rpc;
}

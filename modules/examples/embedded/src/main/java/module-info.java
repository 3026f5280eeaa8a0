/**
 * Example: an application that embeds the broker. Its own threads talk over the bus as in-process
 * clients (a job queue and an RPC service), and other processes reach the same bus over a Unix
 * socket. It needs the broker, the listeners and the {@code .broker} service, nothing else: no
 * logging provider, no daemon. Compiled and run by the tests; the manual's embedding snippet
 * (docs/embedding.md) is taken from it.
 */
module org.loombus.examples.embedded {
  // BrokerServer, and through it Broker and BrokerHandle.
  requires org.loombus.server;
  // CoreRpc, and through it RpcClient and MsgPack for the example's own service.
  requires org.loombus.broker.service;
}

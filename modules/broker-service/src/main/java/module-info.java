/**
 * The broker's own RPC peer {@code .broker} (docs/protocol.md §5): the methods {@code test},
 * {@code info}, {@code stats}, {@code client.list} and {@code benchmark.test} with the reference's
 * exact reply shapes, installed into a broker with
 * {@link org.loombus.broker.service.CoreRpc#install}. It sits beside the broker rather than in
 * it, so that the broker itself stays free of MessagePack and RPC, and beside the RPC layer
 * rather than in it, so that an RPC client does not pull in the broker.
 */
module org.loombus.broker.service {
  // BrokerHandle is its API (install), and it reads the broker's clients and statistics.
  requires transitive org.loombus.broker;
  // RpcEvent and RpcException appear in the API of added methods; the payload codec.
  requires transitive org.loombus.rpc;
  // The replies are MessagePack.
  requires org.msgpack.core;

  exports org.loombus.broker.service;
}

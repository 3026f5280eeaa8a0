/**
 * The caller-side RPC layer of BUS/RT (docs/protocol.md §4) over any
 * {@link org.loombus.protocol.BusClient}, in-process or socket: the payload codec,
 * {@link org.loombus.rpc.RpcClient} (notify, call0, call), handlers, MessagePack convenience,
 * cursors (§9), and the text form of params ({@code k=v}) that the tool and the daemon's FIFO
 * share. It knows nothing of brokers, so a socket-client application needs only this, the
 * client and the protocol modules.
 */
module org.loombus.rpc {
  // BusClient, Frame and Qos appear in its API.
  requires transitive org.loombus.protocol;
  // MessagePack for params and results.
  requires org.msgpack.core;

  exports org.loombus.rpc;
}

/**
 * The RPC layer of BUS/RT (spec §4) over any {@link org.loombus.protocol.BusClient}: payload
 * codec, {@link org.loombus.rpc.RpcClient} (notify, call0, call), handlers, MessagePack
 * convenience, cursors (§9), and the broker's own {@code .broker} RPC peer with its methods
 * (§5), installed into a broker through {@link org.loombus.rpc.CoreRpc}.
 */
module org.loombus.rpc {
  requires transitive org.loombus.broker;
  // MessagePack for params, results and the .broker replies.
  requires org.msgpack.core;

  exports org.loombus.rpc;
}

/**
 * {@code loombus}, the command-line tool: the counterpart of the reference {@code busrt} tool
 * (listen, send, publish, RPC calls, the broker's own RPC, and the seven-stage benchmark). It
 * speaks only the wire protocol, so it works against {@code loombusd} and any BUS/RT broker.
 */
module org.loombus.cli {
  // The socket client it talks through.
  requires org.loombus.client;
  // RPC calls, the .broker replies (MessagePack) and k=v params.
  requires org.loombus.rpc;
}

package org.loombus.rpc;

import org.loombus.protocol.Frame;

/**
 * Serves an {@link RpcClient}'s incoming traffic. Calls run concurrently, each on its own virtual
 * thread, so a slow method delays neither other calls nor the client's own outgoing calls.
 */
public interface RpcHandler {

  /**
   * Serves a request.
   *
   * @param call the request
   * @return the result payload (e.g. {@link MsgPack#encode}); empty is fine
   * @throws RpcException to answer an error reply with its code and message; any other exception
   *     answers {@link RpcException#INTERNAL} with its message
   */
  default byte[] onCall(RpcEvent call) throws RpcException {
    throw new RpcException(RpcException.METHOD_NOT_FOUND);
  }

  /** @param notification a notification (no reply is possible) */
  default void onNotification(RpcEvent notification) {}

  /** @param frame a broadcast, publication, or direct message that is not RPC */
  default void onFrame(Frame frame) {}
}

package org.loombus.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An incoming RPC request or notification as a handler sees it.
 *
 * @param sender the full name of the calling client (replies go there)
 * @param method the method name (empty for notifications)
 * @param payload params of a request, data of a notification
 * @param realtime whether the carrying frame was real-time
 */
public record RpcEvent(String sender, String method, byte[] payload, boolean realtime) {
  /**
   * @return the payload decoded as a MessagePack map; an empty payload is an empty map
   * @throws RpcException {@link RpcException#PARSE} if it is not a MessagePack map
   */
  public Map<String, Object> params() throws RpcException {
    if (payload.length == 0) {
      return Map.of();
    }
    try {
      return MsgPack.decodeMap(payload);
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcException.PARSE, e.getMessage());
    }
  }

  /** @return the payload as UTF-8 text */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}

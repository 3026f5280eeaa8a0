package org.loombus.rpc;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;

/**
 * Runs one request through a handler and sends the reply (none for call id 0), docs/protocol.md
 * §4.1.
 */
final class Responder {
  private static final System.Logger LOG = System.getLogger("org.loombus.rpc");

  private Responder() {}

  static void respond(BusClient bus, RpcHandler handler, Frame frame, RpcPayload.Request request) {
    String method = request.methodName();
    String sender = frame.sender();
    RpcPayload answer;
    try {
      if (method == null) {
        throw new RpcException(RpcException.BUS_ERROR_BASE - ResultCode.DATA,
            "method name is not valid UTF-8");
      }
      answer = new RpcPayload.Reply(request.id(), handler.onCall(
          new RpcEvent(sender, method, request.params(), frame.isRealtime())));
    } catch (RpcException e) {
      answer = new RpcPayload.Error(request.id(), e.code(), e.data());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "RPC method " + method + " failed", e);
      answer = new RpcPayload.Error(request.id(), RpcException.INTERNAL,
          (e.getMessage() != null ? e.getMessage() : e.toString()).getBytes(StandardCharsets.UTF_8));
    }
    if (request.id() == 0) {
      return;
    }
    try {
      bus.send(sender, answer.encode(),
          frame.isRealtime() ? Qos.REALTIME_PROCESSED : Qos.PROCESSED);
    } catch (ClientClosedException e) {
      LOG.log(Level.DEBUG, "reply to {0} lost: {1}", sender, e.getMessage());
    }
  }
}

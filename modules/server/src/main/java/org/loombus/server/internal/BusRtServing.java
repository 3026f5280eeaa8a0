package org.loombus.server.internal;

import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.ConnectionException;
import org.loombus.broker.HandshakeException;
import org.loombus.broker.PendingConnection;
import org.loombus.broker.Transport;
import org.loombus.protocol.ResultCode;
import org.loombus.server.ConnectionServer;

/**
 * A BUS/RT client from accept to close: the broker's handshake, admission by the access rules,
 * registration, then the broker's frame reader on this thread until the client leaves.
 */
public final class BusRtServing implements ConnectionServer {
  private final BrokerHandle broker;
  private final AaaMap aaa;

  /**
   * @param broker the broker that serves the clients
   * @param aaa access rules, or {@code null} for none
   */
  public BusRtServing(BrokerHandle broker, AaaMap aaa) {
    this.broker = broker;
    this.aaa = aaa;
  }

  @Override
  public void serve(Transport transport) {
    try {
      PendingConnection pending = broker.handshake(transport);
      if (aaa == null) {
        pending.accept(null).run();
        return;
      }
      AaaMap.Decision decision = aaa.accept(pending);
      if (decision.connection() == null) {
        pending.reject(ResultCode.ACCESS, decision.denial());
        return;
      }
      decision.connection().run();
    } catch (HandshakeException | ConnectionException e) {
      // the broker has logged the reason, one line per client
    }
  }
}

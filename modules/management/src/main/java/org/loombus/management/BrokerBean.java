package org.loombus.management;

import java.util.function.Supplier;
import org.loombus.broker.BrokerHandle;
import org.loombus.protocol.BusException;

/** {@link BrokerMXBean} over a live broker; every read is the broker's figure at that moment. */
final class BrokerBean implements BrokerMXBean {
  private final BrokerHandle broker;
  private final Supplier<String> reloadAaa;

  BrokerBean(BrokerHandle broker, Supplier<String> reloadAaa) {
    this.broker = broker;
    this.reloadAaa = reloadAaa;
  }

  @Override
  public long getUptimeSeconds() {
    return broker.statistics().uptime().toSeconds();
  }

  @Override
  public int getClients() {
    return broker.statistics().clients();
  }

  @Override
  public long getFramesIn() {
    return broker.statistics().rFrames();
  }

  @Override
  public long getBytesIn() {
    return broker.statistics().rBytes();
  }

  @Override
  public long getFramesOut() {
    return broker.statistics().wFrames();
  }

  @Override
  public long getBytesOut() {
    return broker.statistics().wBytes();
  }

  @Override
  public long getDroppedFrames() {
    return broker.statistics().droppedFrames();
  }

  @Override
  public long getForcedDisconnects() {
    return broker.statistics().forcedDisconnects();
  }

  @Override
  public long getRejectedHandshakes() {
    return broker.statistics().rejectedHandshakes();
  }

  @Override
  public void forceDisconnect(String name) {
    try {
      broker.forceDisconnect(name);
    } catch (BusException e) {
      // A JMX client such as jconsole has JDK classes only; it could not unmarshal BusException.
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  @Override
  public String reloadAaa() {
    if (reloadAaa == null) {
      throw new IllegalStateException("the broker runs without an access rules file (--aaa)");
    }
    return reloadAaa.get();
  }
}

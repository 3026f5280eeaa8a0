package org.loombus.management;

import org.loombus.aldrin.broker.AldrinBroker;

/** {@link AldrinMXBean} over a live Aldrin bus; every read is the bus's figure at that moment. */
final class AldrinBean implements AldrinMXBean {
  private final AldrinBroker bus;

  AldrinBean(AldrinBroker bus) {
    this.bus = bus;
  }

  @Override
  public int getConnections() {
    return bus.counters().connections();
  }

  @Override
  public int getObjects() {
    return bus.counters().objects();
  }

  @Override
  public int getServices() {
    return bus.counters().services();
  }

  @Override
  public int getChannels() {
    return bus.counters().channels();
  }

  @Override
  public int getBusListeners() {
    return bus.counters().busListeners();
  }

  @Override
  public int getIntrospections() {
    return bus.counters().introspections();
  }

  @Override
  public long getMessagesSent() {
    return bus.counters().messagesSent();
  }

  @Override
  public long getMessagesReceived() {
    return bus.counters().messagesReceived();
  }

  @Override
  public long getConnectionsAccepted() {
    return bus.counters().connectionsAccepted();
  }

  @Override
  public long getHandshakesRefused() {
    return bus.counters().handshakesRefused();
  }

  @Override
  public long getQueueFullDisconnects() {
    return bus.counters().queueFullDisconnects();
  }

  @Override
  public long getWriteDeadlineDisconnects() {
    return bus.counters().writeDeadlineDisconnects();
  }

  @Override
  public long getProtocolDisconnects() {
    return bus.counters().protocolDisconnects();
  }

  @Override
  public long getEntryLimitDisconnects() {
    return bus.counters().entryLimitDisconnects();
  }

  @Override
  public long getHandshakeTimeouts() {
    return bus.counters().handshakeTimeouts();
  }

  @Override
  public long getShutdownsUnanswered() {
    return bus.counters().shutdownsUnanswered();
  }
}

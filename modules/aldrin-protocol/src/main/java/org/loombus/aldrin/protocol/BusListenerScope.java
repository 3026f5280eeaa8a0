package org.loombus.aldrin.protocol;

/** Which events a started bus listener reports. On the wire, one byte. */
public enum BusListenerScope {
  /** 0: what exists when it starts, then {@link MessageKind#BUS_LISTENER_CURRENT_FINISHED}. */
  CURRENT,
  /** 1: only what is created or destroyed after it starts. */
  NEW,
  /** 2: both. */
  ALL;

  /** @return the wire byte */
  public int code() {
    return ordinal();
  }
}

package org.loombus.broker;

/** How a client is attached to the broker; {@link #wireName()} is the {@code kind} of §5.4. */
public enum ClientKind {
  /** In-process client registered through {@link BrokerHandle}. */
  INTERNAL("internal"),
  /** Unix domain socket. */
  LOCAL_IPC("local_ipc"),
  /** TCP. */
  TCP("tcp"),
  /** WebSocket. */
  WEBSOCKET("websocket");

  private final String wireName;

  ClientKind(String wireName) {
    this.wireName = wireName;
  }

  /** @return the name used by {@code client.list} */
  public String wireName() {
    return wireName;
  }
}

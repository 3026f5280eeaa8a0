package org.loombus.aldrin.protocol;

import org.loombus.aldrin.protocol.internal.ByteSink;
import org.loombus.aldrin.protocol.internal.ByteSource;

/**
 * Ends a connection: whoever sends it first gets a Shutdown back, after which the connection
 * closes. Wire, after the kind byte: nothing.
 */
public record Shutdown() implements AldrinMessage {
  /** The only instance needed. */
  public static final Shutdown INSTANCE = new Shutdown();

  @Override
  public MessageKind kind() {
    return MessageKind.SHUTDOWN;
  }

  void writeFields(ByteSink out) {}

  static Shutdown read(ByteSource in) throws AldrinDecodeException {
    return INSTANCE;
  }
}

package org.loombus.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A WebSocket client library driven by a test: binary messages out, the byte stream in. */
interface WebSocketTestClient extends AutoCloseable {
  /** Sends {@code bytes} as one binary message. */
  void send(byte[] bytes);

  /** @return what arrived */
  ReceivedBytes received();

  /** @return the next {@code n} bytes of the stream */
  default byte[] read(int n) {
    return received().read(n);
  }

  /** @return the next broker frame, keep-alive NOPs skipped */
  default byte[] readFrameSkippingNops() {
    return received().readFrameSkippingNops();
  }

  /**
   * The BUS/RT handshake (docs/protocol.md §1.2), the name length and the name in two messages as
   * the reference client writes them.
   */
  default void handshake(String name) {
    assertArrayEquals(Checks.hex("EB 01 00"), read(3));
    send(Checks.hex("EB 01 00"));
    assertArrayEquals(Checks.hex("01"), read(1));
    byte[] n = Checks.utf8(name);
    send(new byte[] {(byte) n.length, (byte) (n.length >> 8)});
    send(n);
    assertArrayEquals(Checks.hex("01"), read(1));
  }

  @Override
  void close();
}

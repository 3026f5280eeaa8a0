package org.loombus.broker;

import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;

/**
 * Receives the frames of an in-process client registered with a handler. It runs on the thread
 * that delivers the frame (the sender's), so it must be quick and must not wait for other clients;
 * it may send through {@code self}.
 */
@FunctionalInterface
public interface FrameHandler {

  /**
   * @param self the client the frame was delivered to
   * @param frame the frame
   */
  void onFrame(BusClient self, Frame frame);
}

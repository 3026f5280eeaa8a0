package org.loombus.broker.internal;

import java.lang.System.Logger.Level;
import org.loombus.broker.FrameHandler;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.Ops;

/** Hands each frame for an in-process client straight to its handler on the delivering thread. */
final class HandlerOutbox implements Outbox {
  private static final System.Logger LOG = System.getLogger("org.loombus.broker");
  private volatile FrameHandler handler;
  private volatile BusClient self;
  private volatile boolean closed;

  HandlerOutbox(FrameHandler handler) {
    this.handler = handler;
  }

  void bind(BusClient client) {
    self = client;
  }

  void replace(FrameHandler h) {
    handler = h;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    if (closed) {
      return CLOSED;
    }
    Frame f = Frame.of(frame[0] & 0xFF, frame, Ops.BROKER_HEADER_SIZE,
        frame.length - Ops.BROKER_HEADER_SIZE, realtime);
    try {
      handler.onFrame(self, f);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "handler of " + self.name() + " failed on " + f, e);
    }
    return QUEUED;
  }

  @Override
  public int offerControl(byte[] frame, boolean realtime) {
    return QUEUED;
  }

  @Override
  public int queued() {
    return 0;
  }

  @Override
  public void close() {
    closed = true;
  }
}

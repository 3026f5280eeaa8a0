package org.loombus.broker.internal.write;

import java.lang.System.Logger.Level;
import org.loombus.broker.FrameHandler;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.Frame;
import org.loombus.protocol.wire.Frames;

/** Hands each frame for an in-process client straight to its handler on the delivering thread. */
public final class HandlerOutbox implements Outbox {
  private static final System.Logger LOG = System.getLogger("org.loombus.broker");
  private volatile FrameHandler handler;
  private volatile BusClient self;
  private volatile boolean closed;

  /** @param handler receives every frame, until {@link #replace}d */
  public HandlerOutbox(FrameHandler handler) {
    this.handler = handler;
  }

  /** @param client the client the handler acts for, passed to it with every frame */
  public void bind(BusClient client) {
    self = client;
  }

  /** @param h the handler from now on */
  public void replace(FrameHandler h) {
    handler = h;
  }

  @Override
  public int offer(byte[] frame, boolean realtime) {
    if (closed) {
      return CLOSED;
    }
    Frame f = Frames.viewDelivered(frame);
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

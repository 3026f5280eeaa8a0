package org.loombus.broker.internal.route;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.loombus.broker.ClientKind;
import org.loombus.broker.RemoteDelivery;
import org.loombus.broker.internal.write.Outbox;

/**
 * Frames from other brokers into this one's clients (docs/federation.md): routed like a socket
 * client's, to local clients only, so nothing that came from the federation is forwarded again.
 */
public final class RemoteInbound implements RemoteDelivery {
  /**
   * Stands for the remote sender when a receiver's queue is full: it counts as a reader that may
   * wait, so the federation's delivering thread is held back (paced) like a socket sender.
   */
  private static final Outbox PACED_SENDER = new Outbox() {
    @Override
    public int offer(byte[] frame, boolean realtime) {
      return CLOSED;
    }

    @Override
    public int offerControl(byte[] frame, boolean realtime) {
      return CLOSED;
    }

    @Override
    public int queued() {
      return 0;
    }

    @Override
    public void close() {}

    @Override
    public boolean isOwnReader() {
      return true;
    }
  };

  private final Router router;
  private final Registry registry;
  private final BiConsumer<ClientEntry, String> evict;
  private final ThreadLocal<List<ClientEntry>> scratch = ThreadLocal.withInitial(ArrayList::new);

  /**
   * @param router the routing
   * @param registry the routing table, for evictions
   * @param evict disconnects a client with a reason, as the broker does
   */
  public RemoteInbound(Router router, Registry registry, BiConsumer<ClientEntry, String> evict) {
    this.router = router;
    this.registry = registry;
    this.evict = evict;
  }

  @Override
  public int message(byte[] sender, String target, byte[] src, int off, int len,
      boolean realtime) {
    return router.remoteMessage(PACED_SENDER, sender, target, src, off, len, realtime);
  }

  @Override
  public int broadcast(byte[] sender, String mask, byte[] src, int off, int len,
      boolean realtime) {
    return router.remoteBroadcast(PACED_SENDER, sender, mask, src, off, len, realtime,
        scratch.get());
  }

  @Override
  public int publish(byte[] sender, String topic, String receiver, byte[] src, int topicOff,
      int topicLen, int off, int len, boolean realtime) {
    return router.remotePublish(PACED_SENDER, sender, topic, receiver, src, topicOff, topicLen,
        off, len, realtime, scratch.get());
  }

  @Override
  public void evict(String name, String reason) {
    ClientEntry entry = registry.find(name);
    if (entry != null && entry.kind != ClientKind.INTERNAL) {
      evict.accept(entry, reason);
    }
  }
}

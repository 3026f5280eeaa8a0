package org.loombus.broker.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.loombus.broker.Transport;

/**
 * The connections in their handshake now, in all and per peer (a Unix user, an IP address): a
 * peer that opens connections and then trickles or withholds its handshake can hold at most its
 * share of them, so it cannot take the descriptors and threads that other peers need to connect.
 */
public final class PendingHandshakes {
  private final int max;
  private final int maxPerPeer;
  private final AtomicInteger all = new AtomicInteger();
  // Counts change inside the map's atomic merge/computeIfPresent: a separate counter object could
  // be dropped from the map by one thread while another had just taken it and counted on it.
  private final ConcurrentHashMap<String, Integer> byPeer = new ConcurrentHashMap<>();

  /**
   * @param max most handshakes at once
   * @param maxPerPeer most handshakes at once of one peer
   */
  public PendingHandshakes(int max, int maxPerPeer) {
    this.max = max;
    this.maxPerPeer = maxPerPeer;
  }

  /** @return who a transport's peer is, for its share: its Unix user, else its IP address */
  public static String peerOf(Transport t) {
    return t.credentials().map(c -> "user " + c.user())
        .orElseGet(() -> t.remoteAddress().map(a -> a.getAddress().getHostAddress())
            .orElse(t.kind().wireName()));
  }

  /**
   * @param peer the peer, as {@link #peerOf} names it
   * @return null if the handshake may start (then {@link #leave} must follow), else why not
   */
  public String enter(String peer) {
    if (byPeer.merge(peer, 1, Integer::sum) > maxPerPeer) {
      release(peer);
      return maxPerPeer + " connections of " + peer + " are in their handshake";
    }
    if (all.incrementAndGet() > max) {
      leave(peer);
      return max + " connections are in their handshake";
    }
    return null;
  }

  /** @param peer a peer whose handshake has ended, as admitted by {@link #enter} */
  public void leave(String peer) {
    all.decrementAndGet();
    release(peer);
  }

  private void release(String peer) {
    byPeer.computeIfPresent(peer, (p, n) -> n == 1 ? null : n - 1);
  }

  /** @return the handshakes in progress now, in all */
  int inProgress() {
    return all.get();
  }

  /** @return the peers with a handshake in progress now */
  int peers() {
    return byPeer.size();
  }
}

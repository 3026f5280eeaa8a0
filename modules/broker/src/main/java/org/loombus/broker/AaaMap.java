package org.loombus.broker;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.loombus.protocol.wire.Handshake;

/**
 * The access rules of a listener (docs/protocol.md §6): primary client name to {@link ClientAaa}.
 * Thread-safe and changeable while the broker runs; changes reach a client only when it connects
 * again.
 */
public final class AaaMap {
  private final ConcurrentHashMap<String, ClientAaa> rules = new ConcurrentHashMap<>();
  /**
   * Held for reading by an admission together with its registration, for writing by every
   * change: so a change never falls between the two, and whoever changes the rules and then
   * checks the registered clients sees every client admitted under the old rules.
   */
  private final ReentrantReadWriteLock changes = new ReentrantReadWriteLock();

  /**
   * @param primaryName a primary client name
   * @param aaa its rules
   * @return this map
   */
  public AaaMap put(String primaryName, ClientAaa aaa) {
    changes.writeLock().lock();
    try {
      rules.put(primaryName, aaa);
    } finally {
      changes.writeLock().unlock();
    }
    return this;
  }

  /**
   * @param primaryName a primary client name
   * @return this map
   */
  public AaaMap remove(String primaryName) {
    changes.writeLock().lock();
    try {
      rules.remove(primaryName);
    } finally {
      changes.writeLock().unlock();
    }
    return this;
  }

  /**
   * Replaces every rule at once, e.g. after reloading a rules file.
   *
   * @param all the new rules
   */
  public void replaceAll(Map<String, ClientAaa> all) {
    changes.writeLock().lock();
    try {
      rules.putAll(all);
      rules.keySet().retainAll(all.keySet());
    } finally {
      changes.writeLock().unlock();
    }
  }

  /**
   * Admits and registers the client as one step that no change of the rules can split (a
   * change waits until the registration is done), so a client is never registered under rules
   * that were withdrawn after its admission without the change's check of registered clients
   * seeing it.
   *
   * @param pending the client after its handshake
   * @return the registered connection, or the refusal to send (outside the lock, since it
   *     writes to the client)
   * @throws HandshakeException if the registration fails
   */
  public Decision accept(PendingConnection pending) throws HandshakeException {
    changes.readLock().lock();
    try {
      Admission admission = admit(pending);
      return admission.admitted()
          ? new Decision(pending.accept(admission.rules()), null)
          : new Decision(null, admission.denial());
    } finally {
      changes.readLock().unlock();
    }
  }

  /**
   * The outcome of {@link #accept}.
   *
   * @param connection the registered connection, or {@code null} when refused
   * @param denial why the client is refused, or {@code null} when registered
   */
  public record Decision(Connection connection, String denial) {}

  /**
   * @param primaryName a primary client name
   * @return its rules, if any
   */
  public Optional<ClientAaa> get(String primaryName) {
    return Optional.ofNullable(rules.get(primaryName));
  }

  /**
   * Decides whether a client may register (docs/protocol.md §6.2): the rules of its primary name
   * must exist; a TCP peer must come from an allowed network; a Unix peer must match any user/group
   * rule.
   *
   * @param pending the client after its handshake
   * @return the rules to freeze into the connection, or a denial reason
   */
  public Admission admit(PendingConnection pending) {
    Transport t = pending.transport();
    return admit(Handshake.primaryOf(pending.name()), t.kind(), t.remoteAddress().orElse(null),
        t.credentials().orElse(null));
  }

  /**
   * Decides, by the same rules as {@link #admit(PendingConnection)}, whether a peer that is not a
   * bus client may act under a client name's rules: the daemon's dashboard, whose viewers come
   * over HTTP, is admitted as the client it is named after.
   *
   * @param primaryName the primary client name whose rules apply
   * @param kind how the peer is attached
   * @param remote the network peer's address, or {@code null} for a local peer
   * @param credentials the Unix peer's identity, or {@code null} if it has none to prove
   * @return the rules that apply, or a denial reason
   */
  public Admission admit(String primaryName, ClientKind kind, InetSocketAddress remote,
      PeerCredentials credentials) {
    ClientAaa aaa = rules.get(primaryName);
    String primary = LogText.of(primaryName);
    if (aaa == null) {
      return Admission.denied("no access rules for '" + primary + "'");
    }
    if (remote != null && !aaa.allowsHost(remote.getAddress())) {
      return Admission.denied("host " + remote.getAddress().getHostAddress()
          + " is not allowed for '" + primary + "'");
    }
    boolean identityRules = !aaa.users().isEmpty() || !aaa.groups().isEmpty();
    if (credentials == null && identityRules) {
      return Admission.denied("'" + primary + "' must be a named Unix user or group, which a "
          + kind.wireName() + " peer cannot prove");
    }
    if (credentials != null && !aaa.allowsPeer(credentials)) {
      return Admission.denied("user " + credentials.user() + " / group " + credentials.group()
          + " is not allowed for '" + primary + "'");
    }
    return new Admission(aaa, null);
  }

  /** @return every rule now, by primary client name in name order; a copy */
  public SortedMap<String, ClientAaa> rules() {
    changes.readLock().lock();
    try {
      return Collections.unmodifiableSortedMap(new TreeMap<>(rules));
    } finally {
      changes.readLock().unlock();
    }
  }

  /**
   * The outcome of {@link #admit}.
   *
   * @param rules the rules to apply, or {@code null} when denied
   * @param denial why the client is refused, or {@code null} when admitted
   */
  public record Admission(ClientAaa rules, String denial) {
    static Admission denied(String why) {
      return new Admission(null, why);
    }

    /** @return whether the client may register */
    public boolean admitted() {
      return rules != null;
    }
  }
}

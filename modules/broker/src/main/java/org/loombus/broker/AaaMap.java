package org.loombus.broker;

import java.util.Map;
import java.util.Optional;
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
    String name = Handshake.primaryOf(pending.name());
    ClientAaa aaa = rules.get(name);
    String primary = LogText.of(name);
    if (aaa == null) {
      return Admission.denied("no access rules for '" + primary + "'");
    }
    Transport t = pending.transport();
    var remote = t.remoteAddress();
    if (remote.isPresent() && !aaa.allowsHost(remote.get().getAddress())) {
      return Admission.denied("host " + remote.get().getAddress().getHostAddress()
          + " is not allowed for '" + primary + "'");
    }
    var creds = t.credentials();
    boolean identityRules = !aaa.users().isEmpty() || !aaa.groups().isEmpty();
    if (creds.isEmpty() && identityRules) {
      return Admission.denied("'" + primary + "' must be a named Unix user or group, which a "
          + t.kind().wireName() + " peer cannot prove");
    }
    if (creds.isPresent() && !aaa.allowsPeer(creds.get())) {
      return Admission.denied("user " + creds.get().user() + " / group " + creds.get().group()
          + " is not allowed for '" + primary + "'");
    }
    return new Admission(aaa, null);
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

package org.loombus.broker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.loombus.protocol.wire.Handshake;

/**
 * The access rules of a listener (docs/protocol.md §6): primary client name to {@link ClientAaa}.
 * Thread-safe and changeable while the broker runs; changes reach a client only when it connects
 * again.
 */
public final class AaaMap {
  private final ConcurrentHashMap<String, ClientAaa> rules = new ConcurrentHashMap<>();

  /**
   * @param primaryName a primary client name
   * @param aaa its rules
   * @return this map
   */
  public AaaMap put(String primaryName, ClientAaa aaa) {
    rules.put(primaryName, aaa);
    return this;
  }

  /**
   * @param primaryName a primary client name
   * @return this map
   */
  public AaaMap remove(String primaryName) {
    rules.remove(primaryName);
    return this;
  }

  /**
   * Replaces every rule at once, e.g. after reloading a rules file.
   *
   * @param all the new rules
   */
  public void replaceAll(Map<String, ClientAaa> all) {
    rules.putAll(all);
    rules.keySet().retainAll(all.keySet());
  }

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
    String primary = Handshake.primaryOf(pending.name());
    ClientAaa aaa = rules.get(primary);
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

package org.loombus.management;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientKind;

/**
 * What the access rules let a dashboard viewer see of the bus. Without rules, as for bus clients,
 * everything is allowed. With rules, a viewer is the client {@value #CLIENT} attached over TCP:
 * admitted as a client of that name would be (its {@code hosts} must allow the viewer's address,
 * a {@code users} or {@code groups} rule refuses it, since HTTP proves no Unix identity), and a
 * tail's mask must be covered by that client's {@code subscribe} rule, exactly as a SUBSCRIBE of
 * the mask would be.
 */
final class TailAccess {
  /** The client name whose rules a dashboard viewer gets. */
  static final String CLIENT = "loombus.dashboard";

  private final AaaMap rules;

  /** @param rules the rules in force, or {@code null} when the broker has none */
  TailAccess(AaaMap rules) {
    this.rules = rules;
  }

  /**
   * The outcome for one viewer and mask.
   *
   * @param rules the rules it was allowed under, {@code null} when there are none
   * @param refusal why it is refused, or {@code null} when allowed
   */
  record Decision(ClientAaa rules, String refusal) {
    boolean allowed() {
      return refusal == null;
    }
  }

  /** @return whether the broker has access rules at all */
  boolean enforced() {
    return rules != null;
  }

  /**
   * @param viewer the HTTP peer
   * @param mask the topic mask it asks for, or {@code null} to ask only whether it may tail
   * @return whether it may, under which rules
   */
  Decision decide(InetSocketAddress viewer, String mask) {
    if (rules == null) {
      return new Decision(null, null);
    }
    AaaMap.Admission admission = rules.admit(CLIENT, ClientKind.TCP, viewer, null);
    if (!admission.admitted()) {
      return new Decision(null, admission.denial());
    }
    if (mask != null && !admission.rules().maySubscribe(mask)) {
      return new Decision(admission.rules(), "mask '" + mask + "' is not covered by the subscribe"
          + " rule of '" + CLIENT + "'");
    }
    return new Decision(admission.rules(), null);
  }

  /**
   * Whether a running tail may go on: as a bus client whose rules change is disconnected, a tail
   * ends once the rules of {@value #CLIENT} are no longer those it was allowed under.
   */
  boolean unchanged(Decision allowed) {
    return rules == null || Objects.equals(rules.get(CLIENT).orElse(null), allowed.rules());
  }
}

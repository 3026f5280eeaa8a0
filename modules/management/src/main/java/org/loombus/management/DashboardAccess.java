package org.loombus.management;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.loombus.broker.AaaMap;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientKind;

/**
 * What the access rules let a dashboard viewer see. Without rules, as for bus clients, everything
 * is allowed. With rules, a viewer is the client {@value #CLIENT} attached over TCP and gets what
 * that client would: it must be admitted as a client of that name would be (its {@code hosts}
 * must allow the viewer's address; a {@code users} or {@code groups} rule refuses it, since HTTP
 * proves no Unix identity); the client list and the counters, which a client asks {@code .broker}
 * for, need its {@code p2p} rule to allow messaging {@code .broker}; and a tail's mask must be
 * covered by its {@code subscribe} rule, exactly as a SUBSCRIBE of the mask would be.
 */
final class DashboardAccess {
  /** The client name whose rules a dashboard viewer gets. */
  static final String CLIENT = "loombus.dashboard";
  /** Whom a bus client asks for {@code client.list} and {@code stats}. */
  private static final String CORE = ".broker";

  private final AaaMap rules;

  /** @param rules the rules in force, or {@code null} when the broker has none */
  DashboardAccess(AaaMap rules) {
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
   * @return whether it may see anything of the dashboard's data (the rules, at least)
   */
  Decision admit(InetSocketAddress viewer) {
    if (rules == null) {
      return new Decision(null, null);
    }
    AaaMap.Admission admission = rules.admit(CLIENT, ClientKind.TCP, viewer, null);
    return admission.admitted()
        ? new Decision(admission.rules(), null) : new Decision(null, admission.denial());
  }

  /**
   * @param viewer the HTTP peer
   * @return whether it may see the clients and the counters, as a client that may ask
   *     {@code .broker} for them
   */
  Decision readBroker(InetSocketAddress viewer) {
    Decision d = admit(viewer);
    if (d.rules() != null && !d.rules().mayMessage(CORE)) {
      return new Decision(d.rules(), "the p2p rule of '" + CLIENT + "' does not allow " + CORE);
    }
    return d;
  }

  /**
   * @param viewer the HTTP peer
   * @param mask the topic mask it asks to tail
   * @return whether it may, under which rules
   */
  Decision tail(InetSocketAddress viewer, String mask) {
    Decision d = admit(viewer);
    if (d.rules() != null && !d.rules().maySubscribe(mask)) {
      return new Decision(d.rules(), "mask '" + mask + "' is not covered by the subscribe"
          + " rule of '" + CLIENT + "'");
    }
    return d;
  }

  /**
   * Whether a running tail may go on: as a bus client whose rules change is disconnected, a tail
   * ends once the rules of {@value #CLIENT} are no longer those it was allowed under.
   */
  boolean unchanged(Decision allowed) {
    return rules == null || Objects.equals(rules.get(CLIENT).orElse(null), allowed.rules());
  }
}

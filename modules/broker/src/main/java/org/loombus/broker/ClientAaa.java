package org.loombus.broker;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.loombus.protocol.wire.Masks;

/**
 * Access rules for one primary client name (docs/protocol.md §6.1), immutable: a connected client
 * keeps the copy it got at connect time. Beyond the reference, a rule may require the Unix-socket
 * peer's user or group.
 *
 * @param hostsAllow networks a TCP peer must come from (default: all of IPv4, no IPv6)
 * @param p2p name masks the client may message directly, or {@code null} for any
 * @param publish topic masks it may publish to, or {@code null} for any
 * @param subscribe topic masks it may subscribe to, or {@code null} for any
 * @param broadcast name masks it may broadcast to, or {@code null} for any
 * @param users Unix user names allowed, empty for any
 * @param groups Unix group names allowed, empty for any
 */
public record ClientAaa(
    List<IpNetwork> hostsAllow,
    List<String> p2p,
    List<String> publish,
    List<String> subscribe,
    List<String> broadcast,
    Set<String> users,
    Set<String> groups) {

  /** Copies the collections. */
  public ClientAaa {
    hostsAllow = List.copyOf(hostsAllow);
    p2p = p2p == null ? null : List.copyOf(p2p);
    publish = publish == null ? null : List.copyOf(publish);
    subscribe = subscribe == null ? null : List.copyOf(subscribe);
    broadcast = broadcast == null ? null : List.copyOf(broadcast);
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
  }

  /** @return a builder starting from the reference defaults (everything allowed over IPv4) */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param peer a network peer's address
   * @return whether some allowed network contains it
   */
  public boolean allowsHost(InetAddress peer) {
    return hostsAllow.stream().anyMatch(n -> n.contains(peer));
  }

  /**
   * @param credentials the Unix peer's identity
   * @return whether the user and group rules (if any) accept it
   */
  public boolean allowsPeer(PeerCredentials credentials) {
    return (users.isEmpty() || users.contains(credentials.user()))
        && (groups.isEmpty() || groups.contains(credentials.group()));
  }

  /**
   * @param target a direct message's target
   * @return whether the client may message it
   */
  public boolean mayMessage(String target) {
    return p2p == null || p2p.stream().anyMatch(m -> Masks.matchesName(m, target));
  }

  /**
   * @param mask a broadcast mask
   * @return whether some rule covers it: every name the mask selects, the rule selects (the
   *     reference matches the mask as a literal name instead, so that {@code ?.hub} allows
   *     {@code *.hub}; docs/access-control.md)
   */
  public boolean mayBroadcast(String mask) {
    return broadcast == null || broadcast.stream().anyMatch(m -> Masks.coversName(m, mask));
  }

  /**
   * @param topic a topic
   * @return whether the client may publish to it (PUBLISH and PUBLISH_FOR)
   */
  public boolean mayPublish(String topic) {
    return publish == null || publish.stream().anyMatch(m -> Masks.matchesTopic(m, topic));
  }

  /**
   * @param mask a subscription mask
   * @return whether some rule covers it: every topic the mask selects, the rule selects (the
   *     reference matches the mask as a literal topic instead, so that {@code +/public} allows
   *     {@code #/public}; docs/access-control.md)
   */
  public boolean maySubscribe(String mask) {
    return subscribe == null || subscribe.stream().anyMatch(m -> Masks.coversTopic(m, mask));
  }

  /** Builder with the reference's semantics of {@code allow_X_to} and {@code deny_X}. */
  public static final class Builder {
    private List<IpNetwork> hosts = List.of(IpNetwork.parse("0.0.0.0/0"));
    private List<String> p2p;
    private List<String> publish;
    private List<String> subscribe;
    private List<String> broadcast;
    private Set<String> users = Set.of();
    private Set<String> groups = Set.of();

    private Builder() {}

    /**
     * @param networks replaces the allowed source networks
     * @return this builder
     */
    public Builder hostsAllow(Collection<IpNetwork> networks) {
      hosts = List.copyOf(networks);
      return this;
    }

    /**
     * @param masks name masks; {@code *} among them allows any
     * @return this builder
     */
    public Builder allowP2pTo(Collection<String> masks) {
      p2p = allow(p2p, masks, "*");
      return this;
    }

    /** @return this builder, with no direct messages allowed */
    public Builder denyP2p() {
      p2p = List.of();
      return this;
    }

    /**
     * @param masks topic masks; {@code #} among them allows any
     * @return this builder
     */
    public Builder allowPublishTo(Collection<String> masks) {
      publish = allow(publish, masks, "#");
      return this;
    }

    /** @return this builder, with no publishing allowed */
    public Builder denyPublish() {
      publish = List.of();
      return this;
    }

    /**
     * @param masks topic masks; {@code #} among them allows any
     * @return this builder
     */
    public Builder allowSubscribeTo(Collection<String> masks) {
      subscribe = allow(subscribe, masks, "#");
      return this;
    }

    /** @return this builder, with no subscriptions allowed */
    public Builder denySubscribe() {
      subscribe = List.of();
      return this;
    }

    /**
     * @param masks name masks; {@code *} among them allows any
     * @return this builder
     */
    public Builder allowBroadcastTo(Collection<String> masks) {
      broadcast = allow(broadcast, masks, "*");
      return this;
    }

    /** @return this builder, with no broadcasts allowed */
    public Builder denyBroadcast() {
      broadcast = List.of();
      return this;
    }

    /**
     * @param names Unix users allowed (empty: any)
     * @return this builder
     */
    public Builder users(Collection<String> names) {
      users = Set.copyOf(names);
      return this;
    }

    /**
     * @param names Unix groups allowed (empty: any)
     * @return this builder
     */
    public Builder groups(Collection<String> names) {
      groups = Set.copyOf(names);
      return this;
    }

    private static List<String> allow(List<String> current, Collection<String> masks, String all) {
      if (masks.contains(all)) {
        return null;
      }
      List<String> out = new ArrayList<>(current == null ? List.of() : current);
      out.addAll(masks);
      return out;
    }

    /** @return the rules */
    public ClientAaa build() {
      return new ClientAaa(hosts, p2p, publish, subscribe, broadcast, users, groups);
    }
  }
}

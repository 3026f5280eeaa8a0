package org.loombus.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network in CIDR form. Containment is family-strict, as in the reference: an
 * IPv4 network never contains an IPv6 address, IPv4-mapped ones included (docs/protocol.md §6.2).
 *
 * @param address the network address (host bits may be set; they are ignored)
 * @param prefix the prefix length
 */
public record IpNetwork(InetAddress address, int prefix) {
  /** Validates the prefix. */
  public IpNetwork {
    int max = address.getAddress().length * 8;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix /" + prefix + " out of range for " + address);
    }
  }

  /**
   * @param cidr e.g. {@code 127.0.0.0/8}, {@code ::1/128}, or a bare address (a host network)
   * @return the network
   * @throws IllegalArgumentException if it is not an IP literal with an optional prefix
   */
  public static IpNetwork parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    if (host.isEmpty() || !(host.indexOf(':') >= 0 || Character.isDigit(host.charAt(0)))) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network");
    }
    InetAddress addr;
    try {
      addr = InetAddress.getByName(host); // an IP literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network");
    }
    int bits = addr.getAddress().length * 8;
    try {
      return new IpNetwork(addr, slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
    }
  }

  /**
   * @param peer an address
   * @return whether it lies in this network (same family only)
   */
  public boolean contains(InetAddress peer) {
    byte[] net = address.getAddress();
    byte[] a = peer.getAddress();
    if (a.length != net.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != net[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest) & 0xFF;
    return (a[full] & mask) == (net[full] & mask);
  }

  @Override
  public String toString() {
    return address.getHostAddress() + "/" + prefix;
  }
}

package org.loombus.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.IpNetwork;

/**
 * The daemon's access rules file: properties-style lines {@code client.NAME.KEY = VALUE}, one
 * client per NAME (names may contain dots; the key is the last segment). Keys: {@code hosts}
 * (networks), {@code p2p}, {@code publish}, {@code subscribe}, {@code broadcast} (masks, or
 * {@code deny}), {@code users}, {@code groups}. {@code client.NAME = allow} defines a client with
 * the default rules. Lists are comma-separated; {@code #} and {@code !} start comments. A client not
 * in the file is refused.
 */
final class AaaFile {
  private static final List<String> KEYS =
      List.of("hosts", "p2p", "publish", "subscribe", "broadcast", "users", "groups");

  /** An error in the file, with its line. */
  public static final class RulesException extends Exception {
    private static final long serialVersionUID = 1L;

    RulesException(Path file, int line, String message) {
      super(file + " line " + line + ": " + message);
    }

    RulesException(Path file, IOException e) {
      super("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private AaaFile() {}

  /**
   * @param file the rules file
   * @return rules by primary client name
   * @throws RulesException naming the file and line of the first error
   */
  public static Map<String, ClientAaa> parse(Path file) throws RulesException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new RulesException(file, e);
    }
    Map<String, ClientAaa.Builder> clients = new LinkedHashMap<>();
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int sep = indexOfSeparator(line);
      if (sep < 0) {
        throw new RulesException(file, n, "expected client.NAME.KEY = VALUE");
      }
      String key = line.substring(0, sep).strip();
      String value = line.substring(sep + 1).strip();
      if (!key.startsWith("client.") || key.length() == "client.".length()) {
        throw new RulesException(file, n, "key '" + key + "' does not start with client.NAME");
      }
      String rest = key.substring("client.".length());
      int dot = rest.lastIndexOf('.');
      String field = dot < 0 ? null : rest.substring(dot + 1);
      if (field == null || !KEYS.contains(field)) {
        if (!value.equals("allow")) {
          throw new RulesException(file, n, "unknown key '" + key + "' (known: "
              + String.join(", ", KEYS) + ", or client.NAME = allow)");
        }
        clients.computeIfAbsent(rest, k -> ClientAaa.builder());
        continue;
      }
      String name = rest.substring(0, dot);
      if (name.isEmpty()) {
        throw new RulesException(file, n, "empty client name in '" + key + "'");
      }
      try {
        apply(clients.computeIfAbsent(name, k -> ClientAaa.builder()), field, value);
      } catch (IllegalArgumentException e) {
        throw new RulesException(file, n, e.getMessage());
      }
    }
    Map<String, ClientAaa> out = new LinkedHashMap<>();
    clients.forEach((name, b) -> out.put(name, b.build()));
    return out;
  }

  private static int indexOfSeparator(String line) {
    int eq = line.indexOf('=');
    int colon = line.indexOf(':');
    return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
  }

  private static void apply(ClientAaa.Builder b, String field, String value) {
    List<String> items = Arrays.stream(value.split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    boolean deny = value.equals("deny");
    switch (field) {
      case "hosts" -> b.hostsAllow(items.stream().map(IpNetwork::parse).toList());
      case "p2p" -> {
        if (deny) {
          b.denyP2p();
        } else {
          b.allowP2pTo(nonEmpty(items, field));
        }
      }
      case "publish" -> {
        if (deny) {
          b.denyPublish();
        } else {
          b.allowPublishTo(nonEmpty(items, field));
        }
      }
      case "subscribe" -> {
        if (deny) {
          b.denySubscribe();
        } else {
          b.allowSubscribeTo(nonEmpty(items, field));
        }
      }
      case "broadcast" -> {
        if (deny) {
          b.denyBroadcast();
        } else {
          b.allowBroadcastTo(nonEmpty(items, field));
        }
      }
      case "users" -> b.users(nonEmpty(items, field));
      case "groups" -> b.groups(nonEmpty(items, field));
      default -> throw new IllegalArgumentException("unknown key " + field);
    }
  }

  private static List<String> nonEmpty(List<String> items, String field) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException(field + " needs a comma-separated list or 'deny'");
    }
    return items;
  }
}

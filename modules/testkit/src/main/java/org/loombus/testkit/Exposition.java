package org.loombus.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scrape of a Prometheus endpoint, parsed strictly by the text format 0.0.4: every sample belongs
 * to a family announced by {@code # HELP} and {@code # TYPE} before it, each family is announced
 * once, label values are unescaped. Written from the format's description, not from our writer.
 */
public final class Exposition {
  public record Sample(String name, Map<String, String> labels, double value) {}

  public final int status;
  public final String contentType;
  public final String text;
  public final Map<String, String> types = new HashMap<>();
  public final List<Sample> samples = new ArrayList<>();

  private Exposition(int status, String contentType, String text) {
    this.status = status;
    this.contentType = contentType;
    this.text = text;
  }

  /** GET {@code path} and, if it answered 200, parse the body. */
  public static Exposition scrape(InetSocketAddress address, String path) {
    return request(address, path, "GET");
  }

  public static Exposition request(InetSocketAddress address, String path, String method) {
    try {
      URI uri = URI.create("http://" + address.getHostString() + ":" + address.getPort() + path);
      HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
      http.setRequestMethod(method);
      http.setConnectTimeout(10_000);
      http.setReadTimeout(10_000);
      int status = http.getResponseCode();
      InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      http.disconnect();
      Exposition e = new Exposition(status, http.getHeaderField("Content-Type"), body);
      if (status == 200 && method.equals("GET")) {
        e.parse();
      }
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void parse() {
    Set<String> helped = new java.util.HashSet<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        String name = line.substring(7).split(" ", 2)[0];
        if (!helped.add(name)) {
          throw new AssertionError("second HELP for " + name);
        }
      } else if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        if (parts.length != 2 || !Set.of("counter", "gauge", "histogram", "summary", "untyped")
            .contains(parts[1])) {
          throw new AssertionError("bad TYPE line: " + line);
        }
        if (!helped.contains(parts[0]) || types.put(parts[0], parts[1]) != null) {
          throw new AssertionError("TYPE without HELP before it, or twice: " + line);
        }
      } else if (line.startsWith("#")) {
        throw new AssertionError("unexpected comment: " + line);
      } else {
        Sample s = sample(line);
        String family = family(s.name());
        if (!types.containsKey(family)) {
          throw new AssertionError("sample before its family's TYPE: " + line);
        }
        samples.add(s);
      }
    }
  }

  private String family(String name) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
      if (base != null && "histogram".equals(types.get(base))) {
        return base;
      }
    }
    return name;
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_'
        || line.charAt(i) == ':')) {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf("=\"", i);
        String label = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char e = line.charAt(++j);
            value.append(switch (e) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new AssertionError("bad escape \\" + e + " in " + line);
            });
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    if (line.charAt(i) != ' ') {
      throw new AssertionError("no space before the value: " + line);
    }
    String value = line.substring(i + 1);
    double v = switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
    return new Sample(name, labels, v);
  }

  /**
   * @param name sample name
   * @param labels label names and values, alternating; the sample must have exactly these
   * @return its value
   */
  public double value(String name, String... labels) {
    Map<String, String> want = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      want.put(labels[i], labels[i + 1]);
    }
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(want))
        .mapToDouble(Sample::value)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample " + name + want + " in:\n" + text));
  }
}

package org.loombus.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The log lines the brokers of this test JVM have written, as the file writer of the test
 * {@code tinylog.properties} records them ({@code LEVEL tag: message}), for tests that check the
 * lines themselves. Brokers of different tests log to the same file; a test picks its own lines
 * by something only they contain, such as its broker's socket path.
 */
final class BrokerLog {
  /** After the first matching line, how long to watch for a second one before counting. */
  private static final Duration SETTLE = Duration.ofMillis(300);

  private BrokerLog() {}

  /** @return every line logged so far that contains {@code part} */
  static List<String> lines(String part) {
    Path file = Path.of(System.getProperty("loombus.test.log"));
    try {
      return Files.exists(file)
          ? Files.readAllLines(file).stream().filter(l -> l.contains(part)).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for a line containing {@code part}, then a little longer for any that follow at once.
   *
   * @return every such line
   * @throws AssertionError if none appears within {@code bound}
   */
  static List<String> await(String part, Duration bound) {
    Checks.awaitTrue(() -> !lines(part).isEmpty(), bound, "a log line with " + part);
    Checks.sleep(SETTLE);
    return lines(part);
  }
}

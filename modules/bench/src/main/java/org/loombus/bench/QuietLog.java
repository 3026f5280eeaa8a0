package org.loombus.bench;

import java.util.Map;
import org.tinylog.configuration.Configuration;

/** The bench's own log: only what went wrong, on stderr, since the report owns stdout. */
final class QuietLog {
  private QuietLog() {}

  /** Settable until the first log call; later calls change nothing. */
  static void apply() {
    if (!Configuration.isFrozen()) {
      Configuration.replace(Map.of(
          "writer", "console",
          "writer.stream", "err",
          "writer.format", "bench {level}: {message}",
          "level", "warn"));
    }
  }
}

package org.loombus.server.internal;

import org.tinylog.configuration.Configuration;

/** The daemon's tinylog set-up: one console writer with timestamps, info or trace level. */
public final class Logging {
  private Logging() {}

  /**
   * Must run before the first log call.
   *
   * @param verbose trace level instead of info
   */
  public static void configure(boolean verbose) {
    Configuration.set("writer", "console");
    Configuration.set("writer.stream", "out");
    Configuration.set("writer.format",
        "{date: yyyy-MM-dd HH:mm:ss.SSS} {level|min-size=5} {tag: loombusd}: {message}");
    Configuration.set("level", verbose ? "trace" : "info");
    Configuration.set("writingthread", "false");
  }
}

package org.loombus.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.tinylog.configuration.Configuration;

/**
 * The daemon's tinylog set-up from its flags: standard output by default; a rolling file
 * ({@code --log-file}) and/or syslog ({@code --log-syslog}) instead; or, with
 * {@code --log-config}, whatever a tinylog properties file says. {@code --verbose} sets the level to
 * trace in every case.
 */
final class Logging {
  /** Timestamp to the millisecond, level, the logger (e.g. {@code org.loombus.broker}), message. */
  static final String FORMAT =
      "{date: yyyy-MM-dd HH:mm:ss.SSS} {level|min-size=5} {tag: loombusd}: {message}";

  private Logging() {}

  /** The log cannot be set up as asked: the message is the whole line to print. */
  public static final class LoggingException extends Exception {
    private static final long serialVersionUID = 1L;

    LoggingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Must run before the first log call. A log file is opened here once, so that an unwritable one
   * stops the daemon rather than tinylog complaining on every line.
   *
   * @param options the daemon's flags
   * @throws LoggingException if the log file is not writable or the config file is unreadable
   */
  public static void configure(DaemonOptions options) throws LoggingException {
    Map<String, String> c = new HashMap<>();
    if (options.logConfig() != null) {
      c.putAll(load(options.logConfig()));
    } else {
      c.put("level", "info");
      c.put("writingthread", "false");
      if (options.logFile() == null && !options.logSyslog()) {
        c.put("writer", "console");
        c.put("writer.stream", "out");
        c.put("writer.format", FORMAT);
      }
      if (options.logFile() != null) {
        checkWritable(options.logFile());
        // The numbered files hold the lines; the given path is a hard link to the newest one.
        c.put("writer", "rolling file");
        c.put("writer.file", options.logFile() + ".{count}");
        c.put("writer.latest", options.logFile().toString());
        c.put("writer.policies", "daily, size: 10mb");
        c.put("writer.backups", "10");
        c.put("writer.charset", "UTF-8");
        c.put("writer.format", FORMAT);
      }
      if (options.logSyslog()) {
        // Facility user as busrtd's --log-syslog; "loombusd[PID]: message", syslog adds the time.
        c.put("writer2", "syslog");
        c.put("writer2.protocol", "udp");
        c.put("writer2.facility", "USER");
        c.put("writer2.identification", "loombusd[" + ProcessHandle.current().pid() + "]");
        c.put("writer2.format", "{message}");
      }
    }
    if (options.verbose()) {
      c.put("level", "trace");
    }
    Configuration.replace(c);
  }

  private static Map<String, String> load(Path file) throws LoggingException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new LoggingException("--log-config: cannot read " + file + ": " + reason(e), e);
    }
    Map<String, String> c = new HashMap<>();
    p.stringPropertyNames().forEach(k -> c.put(k, p.getProperty(k).trim()));
    return c;
  }

  private static void checkWritable(Path file) throws LoggingException {
    try {
      FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND).close();
    } catch (IOException e) {
      throw new LoggingException("--log-file: cannot write " + file + ": " + reason(e), e);
    }
  }

  /** File-system exceptions carry the path as their message; the reason is elsewhere. */
  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }
}

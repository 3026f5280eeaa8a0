package org.loombus.daemon;

import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.tinylog.Logger;
import org.tinylog.TaggedLogger;

/**
 * Routes {@link System.Logger} (what the library modules log through) to tinylog, so the daemon
 * has one log stream and the image needs no {@code java.logging}. The logger name becomes the
 * tinylog tag.
 */
public final class TinylogLoggerFinder extends System.LoggerFinder {
  @Override
  public System.Logger getLogger(String name, Module module) {
    return new TinylogLogger(name, isJdk(name));
  }

  /**
   * The JDK's own debug chatter (e.g. every Runtime.exit with a stack, the HTTP server's and JMX's
   * traces) has no place in the log.
   */
  private static boolean isJdk(String name) {
    return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
        || name.startsWith("javax.") || name.startsWith("com.sun.");
  }

  /**
   * Touches tinylog only when a line may be logged: tinylog fixes its configuration on first use,
   * and the JVM asks for loggers before the daemon has configured it (JMX's, when remote JMX is
   * switched on).
   */
  private static final class TinylogLogger implements System.Logger {
    private final String name;
    private final boolean warningsOnly;
    private volatile TaggedLogger log;

    TinylogLogger(String name, boolean warningsOnly) {
      this.name = name;
      this.warningsOnly = warningsOnly;
    }

    /** A race creates two equal tagged loggers, which is harmless. */
    private TaggedLogger log() {
      TaggedLogger l = log;
      if (l == null) {
        l = Logger.tag(name);
        log = l;
      }
      return l;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      if (warningsOnly && level.getSeverity() < Level.WARNING.getSeverity()) {
        return false;
      }
      return switch (level) {
        case ALL, TRACE -> log().isTraceEnabled();
        case DEBUG -> log().isDebugEnabled();
        case INFO -> log().isInfoEnabled();
        case WARNING -> log().isWarnEnabled();
        case ERROR -> log().isErrorEnabled();
        case OFF -> false;
      };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (!isLoggable(level)) {
        return;
      }
      switch (level) {
        case ALL, TRACE -> log().trace(thrown, msg);
        case DEBUG -> log().debug(thrown, msg);
        case INFO -> log().info(thrown, msg);
        case WARNING -> log().warn(thrown, msg);
        default -> log().error(thrown, msg);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        log(level, bundle,
            params == null || params.length == 0
                ? format
                : java.text.MessageFormat.format(format, params),
            (Throwable) null);
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        log(level, null, msgSupplier.get(), (Throwable) null);
      }
    }
  }
}

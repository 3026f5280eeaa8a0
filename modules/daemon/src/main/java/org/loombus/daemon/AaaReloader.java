package org.loombus.daemon;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.loombus.broker.AaaMap;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.ClientInfo;

/**
 * Keeps the daemon's {@link AaaMap} in step with its rules file: reloads on request (SIGHUP) and
 * when the file's modification time or size changes. A file with an error is rejected and the
 * previous rules stay in force; clients whose rules changed are disconnected so the new rules
 * apply when they reconnect (rules are frozen per connection, docs/protocol.md §6.2).
 */
final class AaaReloader {
  private static final System.Logger LOG = System.getLogger("org.loombus.daemon");
  private final Path file;
  private final AaaMap map;
  private final BrokerHandle broker;
  private final ReentrantLock lock = new ReentrantLock();
  private Map<String, ClientAaa> current = Map.of();
  private String stamp = "";

  /**
   * Loads the file once.
   *
   * @param file the rules file
   * @param map the map the listeners use
   * @param broker the broker whose clients are disconnected on change
   * @throws AaaFile.RulesException if the file cannot be loaded
   */
  public AaaReloader(Path file, AaaMap map, BrokerHandle broker) throws AaaFile.RulesException {
    this.file = file;
    this.map = map;
    this.broker = broker;
    current = AaaFile.parse(file);
    stamp = stamp();
    map.replaceAll(current);
  }

  /**
   * Reloads now (SIGHUP, JMX); errors are logged and leave the rules as they were.
   *
   * @return the line logged about the outcome
   */
  public String reload() {
    lock.lock();
    try {
      stamp = stamp();
      Map<String, ClientAaa> next;
      try {
        next = AaaFile.parse(file);
      } catch (AaaFile.RulesException e) {
        String outcome = "access rules not reloaded, previous rules stay: " + e.getMessage();
        LOG.log(Level.ERROR, outcome);
        return outcome;
      }
      Map<String, ClientAaa> previous = current;
      current = next;
      map.replaceAll(next);
      int changed = 0;
      for (ClientInfo c : broker.clients()) {
        if (!Objects.equals(previous.get(c.name()), next.get(c.name()))) {
          var conn = broker.connection(c.name());
          if (conn.isPresent()) {
            conn.get().disconnect("its access rules changed");
            changed++;
          }
        }
      }
      String outcome = "access rules reloaded from " + file + ": " + next.size() + " clients, "
          + changed + " disconnected";
      LOG.log(Level.INFO, outcome);
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Watches the file until the thread is interrupted.
   *
   * @param period how often to look
   */
  public void watch(Duration period) {
    try {
      while (true) {
        Thread.sleep(period);
        if (!stamp().equals(stamp)) {
          reload();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
    } catch (IOException e) {
      return "missing";
    }
  }

  /** @return the rules now in force (for tests and diagnostics) */
  public Map<String, ClientAaa> rules() {
    lock.lock();
    try {
      return new HashMap<>(current);
    } finally {
      lock.unlock();
    }
  }
}

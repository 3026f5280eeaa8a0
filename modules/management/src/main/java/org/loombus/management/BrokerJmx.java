package org.loombus.management;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.loombus.broker.BrokerHandle;
import org.loombus.broker.ClientInfo;

/**
 * A broker's MBeans in the platform MBean server, where jconsole and any JMX client find them: one
 * {@link BrokerMXBean} ({@value #BROKER_NAME}) and one {@link ClientMXBean} per registered primary
 * client ({@code org.loombus:type=Client,name="..."}). The client beans follow the registry once a
 * second, on a thread from the broker's thread factory; the broker itself knows nothing of JMX.
 * Closing unregisters every bean. One broker per JVM can be registered at a time.
 */
public final class BrokerJmx implements AutoCloseable {
  /** Object name of the broker bean. */
  public static final String BROKER_NAME = "org.loombus:type=Broker";
  private static final System.Logger LOG = System.getLogger("org.loombus.management");
  private static final Duration SYNC_PERIOD = Duration.ofSeconds(1);
  private static final ObjectName BROKER = objectName(BROKER_NAME);

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final BrokerHandle broker;
  private final Thread syncer;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock:
  private final Map<String, ObjectName> clientBeans = new HashMap<>();
  private boolean closed;

  private BrokerJmx(BrokerHandle broker) {
    this.broker = broker;
    this.syncer = broker.config().threadFactory().newThread(this::followRegistry);
  }

  /**
   * Registers the broker bean and the beans of the clients registered now, and starts following
   * the registry.
   *
   * @param broker the broker to show
   * @param reloadAaa reloads the access rules and returns a one-line outcome; {@code null} if the
   *     broker has no rules file ({@link BrokerMXBean#reloadAaa()} then says so)
   * @return the registration, to close when the broker stops
   * @throws IllegalStateException if another broker's beans are registered in this JVM
   */
  public static BrokerJmx register(BrokerHandle broker, Supplier<String> reloadAaa) {
    BrokerJmx jmx = new BrokerJmx(broker);
    try {
      jmx.server.registerMBean(new BrokerBean(broker, reloadAaa), BROKER);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(BROKER_NAME + " is already registered in this JVM", e);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register " + BROKER_NAME + ": " + e.getMessage(), e);
    }
    jmx.sync();
    jmx.syncer.start();
    return jmx;
  }

  /**
   * @param client a client name
   * @return the object name of that client's bean (the name is quoted, so any client name fits)
   */
  public static ObjectName clientName(String client) {
    return objectName("org.loombus:type=Client,name=" + ObjectName.quote(client));
  }

  private static ObjectName objectName(String text) {
    try {
      return new ObjectName(text);
    } catch (MalformedObjectNameException e) {
      throw new IllegalArgumentException("not an object name: " + text, e);
    }
  }

  private void followRegistry() {
    try {
      while (true) {
        Thread.sleep(SYNC_PERIOD);
        sync();
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /** Registers beans for new clients and unregisters those of clients that left. */
  private void sync() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      Map<String, ClientInfo> now = new HashMap<>();
      for (ClientInfo c : broker.clients()) {
        now.put(c.name(), c);
      }
      clientBeans.entrySet().removeIf(e -> {
        if (now.containsKey(e.getKey())) {
          return false;
        }
        unregister(e.getValue());
        return true;
      });
      for (ClientInfo c : now.values()) {
        if (!clientBeans.containsKey(c.name())) {
          ObjectName name = clientName(c.name());
          try {
            server.registerMBean(new ClientBean(broker, c), name);
            clientBeans.put(c.name(), name);
          } catch (JMException e) {
            LOG.log(Level.WARNING, "no MBean for client {0}: {1}", c.name(), e.toString());
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void unregister(ObjectName name) {
    try {
      server.unregisterMBean(name);
    } catch (JMException e) {
      // someone else unregistered it; nothing left to remove
    }
  }

  /** Stops following the registry and unregisters every bean; idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      syncer.interrupt();
      clientBeans.values().forEach(this::unregister);
      clientBeans.clear();
      unregister(BROKER);
    } finally {
      lock.unlock();
    }
  }
}

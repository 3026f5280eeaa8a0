package org.loombus.management;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.loombus.aldrin.broker.AldrinBroker;

/**
 * An Aldrin bus's {@link AldrinMXBean} ({@value #NAME}) in the platform MBean server, beside the
 * broker's beans of {@link BrokerJmx}. Closing unregisters it. One Aldrin bus per JVM can be
 * registered at a time.
 */
public final class AldrinJmx implements AutoCloseable {
  /** Object name of the Aldrin bean. */
  public static final String NAME = "org.loombus:type=Aldrin";

  private final MBeanServer server;
  private final ObjectName name;

  private AldrinJmx(MBeanServer server, ObjectName name) {
    this.server = server;
    this.name = name;
  }

  /**
   * Registers the bean of an Aldrin bus.
   *
   * @param bus the Aldrin broker to show
   * @return the registration, to close when the bus stops
   * @throws IllegalStateException if another Aldrin bus's bean is registered in this JVM
   */
  public static AldrinJmx register(AldrinBroker bus) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName name = new ObjectName(NAME);
      server.registerMBean(new AldrinBean(bus), name);
      return new AldrinJmx(server, name);
    } catch (InstanceAlreadyExistsException e) {
      throw new IllegalStateException(NAME + " is already registered in this JVM", e);
    } catch (MalformedObjectNameException e) {
      throw new AssertionError(NAME, e);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register " + NAME + ": " + e.getMessage(), e);
    }
  }

  /** Unregisters the bean; idempotent. */
  @Override
  public void close() {
    try {
      server.unregisterMBean(name);
    } catch (JMException e) {
      // closed before, or someone else unregistered it; nothing left to remove
    }
  }
}

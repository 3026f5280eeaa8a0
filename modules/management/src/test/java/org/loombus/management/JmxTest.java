package org.loombus.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.testkit.Peer.message;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.loombus.testkit.Peer;
import org.loombus.testkit.RawClient;
import org.loombus.testkit.TestBroker;

/**
 * The broker's MBeans, read through the platform MBean server (where jconsole finds them) while
 * socket clients exchange messages with a real broker.
 */
class JmxTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
  private static final ObjectName BROKER = name(BrokerJmx.BROKER_NAME);

  /** Without .broker, no announcement adds frames, so every counter is known exactly. */
  private static TestBroker quietBroker() {
    return TestBroker.start(b -> b.coreClient(false).timeout(Duration.ofSeconds(30)));
  }

  private static ObjectName name(String text) {
    try {
      return new ObjectName(text);
    } catch (JMException e) {
      throw new AssertionError(e);
    }
  }

  private static Object attribute(ObjectName bean, String attribute) {
    try {
      return MBEANS.getAttribute(bean, attribute);
    } catch (JMException e) {
      throw new AssertionError(bean + " " + attribute, e);
    }
  }

  /** Client beans follow the registry once a second: wait until {@code bean} is (not) there. */
  private static void awaitBean(ObjectName bean, boolean present) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (MBEANS.isRegistered(bean) != present) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(bean + (present ? " never appeared" : " never went away"));
      }
      sleep(20);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @DisplayName("Broker and client MBeans count every frame of an exchange, exactly")
  void countersDuringExchange() {
    Instant before = Instant.now();
    try (TestBroker broker = quietBroker();
        BrokerJmx jmx = BrokerJmx.register(broker.handle(), null);
        Peer a = Peer.register(broker.unix(), "a");
        Peer b = Peer.register(broker.tcp(), "b")) {
      // body "b 00 hello": 7 bytes; delivered with the same count, ACKed with 6 bytes
      for (int i = 1; i <= 10; i++) {
        a.send(i, 0x52, "b", "hello");
        a.expectAck(i, 0x01);
        b.expect(message("a", "hello"));
        assertEquals((long) i, attribute(BROKER, "FramesIn"), "after frame " + i);
        assertEquals(7L * i, attribute(BROKER, "BytesIn"));
        assertEquals(2L * i, attribute(BROKER, "FramesOut"));
        assertEquals(13L * i, attribute(BROKER, "BytesOut"));
      }
      assertEquals(2, attribute(BROKER, "Clients"));
      assertEquals(0L, attribute(BROKER, "DroppedFrames"));
      assertEquals(0L, attribute(BROKER, "ForcedDisconnects"));
      assertEquals(0L, attribute(BROKER, "RejectedHandshakes"));
      assertTrue((long) attribute(BROKER, "UptimeSeconds") >= 0);

      ObjectName beanA = BrokerJmx.clientName("a");
      ObjectName beanB = BrokerJmx.clientName("b");
      awaitBean(beanA, true);
      awaitBean(beanB, true);
      assertEquals("a", attribute(beanA, "Name"));
      assertEquals("local_ipc", attribute(beanA, "Kind"));
      assertNull(attribute(beanA, "Source"));
      assertEquals(broker.socketPath().toString(), attribute(beanA, "Port"));
      assertEquals(10L, attribute(beanA, "FramesIn"));
      assertEquals(70L, attribute(beanA, "BytesIn"));
      assertEquals(10L, attribute(beanA, "FramesOut"));
      assertEquals(60L, attribute(beanA, "BytesOut"));
      assertEquals(0, attribute(beanA, "QueueDepth"));
      assertEquals(1, attribute(beanA, "Instances"));
      assertEquals(true, attribute(beanA, "Connected"));
      Instant since = Instant.parse((String) attribute(beanA, "ConnectedSince"));
      assertFalse(since.isBefore(before.minusMillis(1)) || since.isAfter(Instant.now()), since.toString());

      assertEquals("tcp", attribute(beanB, "Kind"));
      assertTrue(((String) attribute(beanB, "Source")).startsWith("127.0.0.1:"));
      assertEquals(0L, attribute(beanB, "FramesIn"));
      assertEquals(10L, attribute(beanB, "FramesOut"));
      assertEquals(70L, attribute(beanB, "BytesOut"));
    }
    assertFalse(MBEANS.isRegistered(BROKER), "closing unregisters the broker bean");
    assertFalse(MBEANS.isRegistered(BrokerJmx.clientName("a")), "and the client beans");
  }

  @Test
  @DisplayName("A client's bean appears when it registers and goes when it leaves; any name fits")
  void clientBeansFollowRegistry() {
    String odd = "odd\"name,type=Broker*?\\";
    try (TestBroker broker = quietBroker();
        BrokerJmx jmx = BrokerJmx.register(broker.handle(), null)) {
      ObjectName bean = BrokerJmx.clientName(odd);
      try (Peer c = Peer.register(broker.unix(), odd)) {
        awaitBean(bean, true);
        assertEquals(odd, attribute(bean, "Name"));
      }
      awaitBean(bean, false);
    }
  }

  @Test
  @DisplayName("forceDisconnect(name) disconnects a client; an unknown name is refused with a reason")
  void forceDisconnect() throws JMException {
    try (TestBroker broker = quietBroker();
        BrokerJmx jmx = BrokerJmx.register(broker.handle(), null);
        RawClient c = broker.registerUnix("victim")) {
      MBEANS.invoke(BROKER, "forceDisconnect", new Object[] {"victim"},
          new String[] {String.class.getName()});
      assertTrue(c.awaitClosed(WAIT), "victim still connected");
      assertEquals(1L, attribute(BROKER, "ForcedDisconnects"));
      RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class, () -> MBEANS.invoke(
          BROKER, "forceDisconnect", new Object[] {"nobody"}, new String[] {String.class.getName()}));
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("nobody"), e.getCause().getMessage());
    }
  }

  @Test
  @DisplayName("reloadAaa() returns the reloader's outcome, and says when there is no rules file")
  void reloadAaa() throws JMException {
    try (TestBroker broker = quietBroker()) {
      try (BrokerJmx jmx = BrokerJmx.register(broker.handle(), () -> "reloaded: 3 clients")) {
        assertEquals("reloaded: 3 clients",
            MBEANS.invoke(BROKER, "reloadAaa", new Object[0], new String[0]));
      }
      try (BrokerJmx jmx = BrokerJmx.register(broker.handle(), null)) {
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
            () -> MBEANS.invoke(BROKER, "reloadAaa", new Object[0], new String[0]));
        assertTrue(e.getCause().getMessage().contains("--aaa"), e.getCause().getMessage());
      }
    }
  }
}

package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.loombus.testkit.DaemonRuns.assertFailsNaming;
import static org.loombus.testkit.DaemonRuns.freePort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.testkit.DaemonProcess;
import org.loombus.testkit.Exposition;

/**
 * {@code --aldrin}: an Aldrin bus on a Unix socket or TCP beside the BUS/RT listener, its figures
 * on {@code /metrics}, and {@code --aldrin-max-entries}.
 */
class DaemonAldrinTest {
  @TempDir
  Path dir;

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static byte[] read(SocketChannel ch, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("closed after " + b.position() + " bytes");
      }
    }
    return b.array();
  }

  @Test
  @DisplayName("--aldrin PATH: Aldrin clients connect; a frame over --payload-size-limit closes"
      + " only that client, with one line naming it")
  void aldrinListener() throws Exception {
    Path bus = dir.resolve("bus.sock");
    Path aldrin = dir.resolve("aldrin.sock");
    try (DaemonProcess d = DaemonProcess.start(bus, "-B", bus.toString(), "--aldrin",
        aldrin.toString(), "--payload-size-limit", "100")) {
      d.awaitOutput("listening", Duration.ofSeconds(20));
      try (SocketChannel good = SocketChannel.open(UnixDomainSocketAddress.of(aldrin));
          SocketChannel bad = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        bad.connect(UnixDomainSocketAddress.of(aldrin));
        // Connect2 1.20 with an empty data struct, answered Ok(20)
        byte[] connect2 = hex("0d000000 2e 02000000 4100 01 14");
        good.write(ByteBuffer.wrap(connect2));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(good, 13));
        bad.write(ByteBuffer.wrap(connect2));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(bad, 13));
        // a 105-byte frame: body 101 > 100
        bad.write(ByteBuffer.wrap(hex("69000000 03")));
        assertEquals(-1, bad.read(ByteBuffer.allocate(1)));
        d.awaitOutput("disconnected: undecodable input", Duration.ofSeconds(10));
        good.write(ByteBuffer.wrap(MessageCodec.encode(new CreateObject(7, new UUID(0, 1)))));
        byte[] reply = read(good, 23);
        assertArrayEquals(hex("17000000 04 07 00"), Arrays.copyOf(reply, 7));
      }
    }
  }

  private static byte[] createObject(SocketChannel ch, int serial) throws IOException {
    ch.write(ByteBuffer.wrap(MessageCodec.encode(new CreateObject(serial, new UUID(0, serial)))));
    return read(ch, 23);
  }

  @Test
  @DisplayName("--aldrin HOST:PORT with --metrics and --aldrin-max-entries 3: the gauges follow a"
      + " client's objects; its fourth closes it, counted as an entry-limit disconnect")
  void aldrinMetricsAndEntryLimit() throws Exception {
    Path bus = dir.resolve("bus.sock");
    int aldrin = freePort();
    int metrics = freePort();
    try (DaemonProcess d = DaemonProcess.start(bus, "-B", bus.toString(), "--aldrin",
        "127.0.0.1:" + aldrin, "--aldrin-max-entries", "3", "--metrics",
        "127.0.0.1:" + metrics)) {
      d.awaitOutput("listening", Duration.ofSeconds(20));
      InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", metrics);
      try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", aldrin))) {
        c.write(ByteBuffer.wrap(hex("0d000000 2e 02000000 4100 01 14")));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(c, 13));
        assertArrayEquals(hex("17000000 04 01 00"), Arrays.copyOf(createObject(c, 1), 7));
        Exposition m = Exposition.scrape(endpoint, "/metrics");
        assertEquals(1, m.value("loombus_aldrin_objects"));
        assertEquals(1, m.value("loombus_aldrin_connections"));
        assertEquals("gauge", m.types.get("loombus_aldrin_objects"));
        createObject(c, 2);
        createObject(c, 3);
        assertEquals(3, Exposition.scrape(endpoint, "/metrics").value("loombus_aldrin_objects"));
        c.write(ByteBuffer.wrap(MessageCodec.encode(new CreateObject(4, new UUID(0, 4)))));
        assertEquals(-1, c.read(ByteBuffer.allocate(1)));
      }
      d.awaitOutput("disconnected: entry limit: holds 3", Duration.ofSeconds(10));
      Exposition m = Exposition.scrape(endpoint, "/metrics");
      assertEquals(1, m.value("loombus_aldrin_disconnects_total", "reason", "entry_limit"));
      assertEquals(0, m.value("loombus_aldrin_disconnects_total", "reason", "protocol"));
      assertEquals(0, m.value("loombus_aldrin_objects"));
      assertEquals(0, m.value("loombus_aldrin_connections"));
      assertEquals(1, m.value("loombus_aldrin_connections_accepted_total"));
      // CreateObject three times in, three answers out; the fourth closed the connection
      assertEquals(4, m.value("loombus_aldrin_messages_received_total"));
      assertEquals(3, m.value("loombus_aldrin_messages_sent_total"));
    }
  }

  @Test
  @DisplayName("--aldrin: the daemon's JVM has org.loombus:type=Aldrin, read over remote JMX")
  void aldrinMBean() throws Exception {
    Path bus = dir.resolve("bus.sock");
    int aldrin = freePort();
    int jmx = freePort();
    List<String> agent = List.of("--add-modules", "jdk.management.agent",
        "-Dcom.sun.management.jmxremote.port=" + jmx,
        "-Dcom.sun.management.jmxremote.rmi.port=" + jmx,
        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
        "-Djava.rmi.server.hostname=127.0.0.1",
        "-Dcom.sun.management.jmxremote.authenticate=false",
        "-Dcom.sun.management.jmxremote.ssl=false");
    try (DaemonProcess d = DaemonProcess.start(bus, agent, "-B", bus.toString(), "--aldrin",
        "127.0.0.1:" + aldrin)) {
      d.awaitOutput("listening", Duration.ofSeconds(20));
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
              "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmx + "/jmxrmi"));
          SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", aldrin));
          SocketChannel bad = SocketChannel.open(new InetSocketAddress("127.0.0.1", aldrin))) {
        MBeanServerConnection beans = connector.getMBeanServerConnection();
        ObjectName name = new ObjectName("org.loombus:type=Aldrin");
        c.write(ByteBuffer.wrap(hex("0d000000 2e 02000000 4100 01 14")));
        assertArrayEquals(hex("0d000000 2f 02000000 4100 00 14"), read(c, 13));
        createObject(c, 1);
        createObject(c, 2);
        // a message kind that does not exist, as the first message
        bad.write(ByteBuffer.wrap(hex("05000000 ff")));
        assertEquals(-1, bad.read(ByteBuffer.allocate(1)));
        assertEquals(1, beans.getAttribute(name, "Connections"));
        assertEquals(2, beans.getAttribute(name, "Objects"));
        assertEquals(0, beans.getAttribute(name, "Services"));
        assertEquals(2L, beans.getAttribute(name, "MessagesReceived"));
        assertEquals(2L, beans.getAttribute(name, "MessagesSent"));
        assertEquals(1L, beans.getAttribute(name, "ConnectionsAccepted"));
        assertEquals(1L, beans.getAttribute(name, "ProtocolDisconnects"));
        assertEquals(0L, beans.getAttribute(name, "QueueFullDisconnects"));
      }
    }
  }

  @Test
  @DisplayName("--metrics without --aldrin: no loombus_aldrin_ family")
  void noAldrinNoAldrinMetrics() {
    Path bus = dir.resolve("bus.sock");
    int metrics = freePort();
    try (DaemonProcess d = DaemonProcess.start(bus, "-B", bus.toString(), "--metrics",
        "127.0.0.1:" + metrics)) {
      d.awaitOutput("metrics on", Duration.ofSeconds(20));
      Exposition m = Exposition.scrape(new InetSocketAddress("127.0.0.1", metrics), "/metrics");
      assertEquals(200, m.status);
      assertFalse(m.text.contains("loombus_aldrin_"), m.text);
    }
  }

  @Test
  @DisplayName("--aldrin-max-entries 0, x, or without --aldrin: one line naming the flag, exit 2")
  void badMaxEntries() {
    String aldrin = dir.resolve("aldrin.sock").toString();
    assertFailsNaming(2, "--aldrin-max-entries: must be at least 1, got 0", "--aldrin", aldrin,
        "--aldrin-max-entries", "0");
    assertFailsNaming(2, "--aldrin-max-entries: 'x' is not a whole number", "--aldrin", aldrin,
        "--aldrin-max-entries", "x");
    assertFailsNaming(2, "--aldrin-max-entries: needs --aldrin", "-B",
        dir.resolve("bus.sock").toString(), "--aldrin-max-entries", "3");
  }

  @Test
  @DisplayName("--aldrin fifo:PATH: one line naming --aldrin, exit 2")
  void aldrinNeedsASocket() {
    assertFailsNaming(2, "--aldrin", "--aldrin", "fifo:" + dir.resolve("f"));
  }
}

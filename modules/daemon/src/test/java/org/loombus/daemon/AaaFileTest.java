package org.loombus.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loombus.broker.ClientAaa;
import org.loombus.broker.PeerCredentials;

class AaaFileTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("aaa.properties"), text);
  }

  @Test
  @DisplayName("the README example parses into the rules it describes")
  void readmeExample() throws Exception {
    Map<String, ClientAaa> rules = AaaFile.parse(write("""
        # sensors publish data and may talk to the hub and loggers only
        client.sensor.hosts = 127.0.0.0/8, ::1/128
        client.sensor.p2p = hub, logger.*
        client.sensor.publish = data/#
        client.sensor.subscribe = deny
        client.sensor.broadcast = deny
        client.tool.users = ops
        client.tool.groups = automation
        client.plant.line1 = allow
        """));
    assertEquals(Set.of("sensor", "tool", "plant.line1"), rules.keySet());
    ClientAaa sensor = rules.get("sensor");
    assertTrue(sensor.allowsHost(InetAddress.getByName("127.1.2.3")));
    assertTrue(sensor.allowsHost(InetAddress.getByName("::1")));
    assertFalse(sensor.allowsHost(InetAddress.getByName("10.0.0.1")));
    assertTrue(sensor.mayMessage("hub"));
    assertTrue(sensor.mayMessage("logger.main"));
    assertFalse(sensor.mayMessage("other"));
    assertTrue(sensor.mayPublish("data/a/b"));
    assertFalse(sensor.mayPublish("cmd/x"));
    assertFalse(sensor.maySubscribe("data/#"));
    assertFalse(sensor.mayBroadcast("*"));
    ClientAaa tool = rules.get("tool");
    assertTrue(tool.allowsPeer(new PeerCredentials("ops", "automation")));
    assertFalse(tool.allowsPeer(new PeerCredentials("ops", "users")));
    assertFalse(tool.allowsPeer(new PeerCredentials("guest", "automation")));
    assertEquals(ClientAaa.builder().build(), rules.get("plant.line1"));
  }

  @Test
  @DisplayName("a client name may contain dots; the key is the last segment")
  void dottedNames() throws Exception {
    Map<String, ClientAaa> rules = AaaFile.parse(write("client.plant.line1.p2p = hub\n"));
    assertTrue(rules.get("plant.line1").mayMessage("hub"));
  }

  @Test
  @DisplayName("an error names the file and its line")
  void errorsNameTheLine() throws Exception {
    Path f = write("client.a.p2p = hub\n\nclient.a.hosts = 300.1.1.1/8\n");
    var e = assertThrows(AaaFile.RulesException.class, () -> AaaFile.parse(f));
    assertTrue(e.getMessage().startsWith(f + " line 3: "), e.getMessage());
    var unknown = assertThrows(AaaFile.RulesException.class,
        () -> AaaFile.parse(write("client.a.colour = red\n")));
    assertTrue(unknown.getMessage().contains("line 1: unknown key 'client.a.colour'"),
        unknown.getMessage());
    var noValue = assertThrows(AaaFile.RulesException.class,
        () -> AaaFile.parse(write("# rules\nclient.a.p2p =\n")));
    assertTrue(noValue.getMessage().contains("line 2: p2p needs"), noValue.getMessage());
    var garbage = assertThrows(AaaFile.RulesException.class,
        () -> AaaFile.parse(write("hello\n")));
    assertTrue(garbage.getMessage().contains("line 1: expected client.NAME.KEY = VALUE"));
  }
}

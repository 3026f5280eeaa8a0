package org.loombus.federation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loombus.broker.ClientKind;
import org.loombus.broker.RemoteClient;

class DirectoryTest {
  private final Directory d = new Directory();
  private final List<Directory.Claim> added = new ArrayList<>();

  private static DirectoryCodec.Announcement reg(String node, long boot, long version,
      String name, long since) {
    return new DirectoryCodec.Announcement(DirectoryCodec.REGISTERED, node, boot, version,
        new DirectoryCodec.Name(name, ClientKind.LOCAL_IPC, since), 0);
  }

  private static DirectoryCodec.Announcement unreg(String node, long boot, long version,
      String name) {
    return new DirectoryCodec.Announcement(DirectoryCodec.UNREGISTERED, node, boot, version,
        new DirectoryCodec.Name(name, ClientKind.INTERNAL, 0), 0);
  }

  private void replace(String node, long boot, long version, DirectoryCodec.Name... names) {
    d.replace(node, boot, version, List.of(names), 0, added);
  }

  @Test
  void aNewNodeIsFetchedThenFollowedByItsAnnouncements() {
    assertTrue(d.heartbeat("B", 1, 0, 0), "unknown: fetch");
    replace("B", 1, 0);
    assertFalse(d.heartbeat("B", 1, 0, 1));
    assertFalse(d.announce(reg("B", 1, 1, "svc", 10), 1, added));
    assertEquals("B", d.lookup("svc").node());
    assertFalse(d.announce(unreg("B", 1, 2, "svc"), 1, added));
    assertNull(d.lookup("svc"));
    assertTrue(d.announce(reg("B", 1, 4, "gap", 10), 1, added), "version 3 missed: fetch");
    assertNull(d.lookup("gap"));
    assertTrue(d.heartbeat("B", 1, 4, 2), "behind the heartbeat: fetch");
  }

  @Test
  void theEarlierClaimWinsThenTheSmallerNodeNameWhateverTheOrderOfArrival() {
    replace("B", 1, 1, new DirectoryCodec.Name("x", ClientKind.TCP, 200));
    replace("C", 1, 1, new DirectoryCodec.Name("x", ClientKind.TCP, 100));
    assertEquals("C", d.lookup("x").node());
    Directory other = new Directory();
    other.replace("C", 1, 1, List.of(new DirectoryCodec.Name("x", ClientKind.TCP, 100)), 0, added);
    other.replace("B", 1, 1, List.of(new DirectoryCodec.Name("x", ClientKind.TCP, 200)), 0, added);
    assertEquals("C", other.lookup("x").node());
    Directory.Claim b = new Directory.Claim("B", new DirectoryCodec.Name("y", ClientKind.TCP, 5));
    Directory.Claim c = new Directory.Claim("C", new DirectoryCodec.Name("y", ClientKind.TCP, 5));
    assertTrue(b.beats(c));
    assertFalse(c.beats(b));
    replace("C", 1, 2);
    assertEquals("B", d.lookup("x").node(), "the loser holds the name once the winner drops it");
  }

  @Test
  void aSilentNodeIsDroppedWithItsNamesAndARestartedOneStartsAfresh() {
    replace("B", 1, 1, new DirectoryCodec.Name("b", ClientKind.TCP, 1),
        new DirectoryCodec.Name("b%%1", ClientKind.TCP, 1));
    replace("C", 1, 1, new DirectoryCodec.Name("c", ClientKind.TCP, 1));
    assertEquals(List.of(new RemoteClient("b", ClientKind.TCP, "B", 2)),
        d.clients().stream().filter(r -> r.node().equals("B")).toList());
    d.heartbeat("C", 1, 1, 5_000);
    assertEquals(List.of("B"), d.expire(5_000, 3_000));
    assertNull(d.lookup("b%%1"));
    assertEquals("C", d.lookup("c").node());
    assertTrue(d.heartbeat("C", 2, 0, 5_001), "a new boot: fetch");
    assertNull(d.lookup("c"));
    assertEquals(1, d.nodeCount());
    assertEquals(0, d.nameCount());
  }
}

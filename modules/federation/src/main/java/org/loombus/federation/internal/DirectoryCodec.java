package org.loombus.federation.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.loombus.broker.ClientKind;

/**
 * The bytes of the directory (docs/federation.md#wire-format): what each node announces on the
 * directory subject (heartbeats, names registered and unregistered, each with the node's
 * directory version after it) and the pages of names it answers on its snapshot subject.
 * Integers are big-endian; strings carry a length (u8 for node names, u16 for client names).
 *
 * <pre>
 * announcement  version u8 | type u8 (H, R, U) | node str8 | boot u64 | directory version u64
 *               | H: names u32 | R: name str16, kind u8, since-ms u64 | U: name str16
 * page request  version u8 | after str16 (the last name of the previous page, or empty)
 * page          version u8 | boot u64 | directory version u64 | more u8 | count u32
 *               | (name str16, kind u8, since-ms u64) × count
 * </pre>
 */
final class DirectoryCodec {
  static final byte HEARTBEAT = 'H';
  static final byte REGISTERED = 'R';
  static final byte UNREGISTERED = 'U';

  /** One name as a node holds it: registered at {@code since} (ms, the node's clock). */
  record Name(String name, ClientKind kind, long since) {}

  /** A decoded announcement; {@code name} is {@code null} for a heartbeat. */
  record Announcement(byte type, String node, long boot, long version, Name name, int count) {}

  /** A decoded page of a node's names. */
  record Page(long boot, long version, boolean more, List<Name> names) {}

  private DirectoryCodec() {}

  static byte[] heartbeat(byte[] node, long boot, long version, int names) {
    ByteBuffer b = head(HEARTBEAT, node, boot, version, 4);
    b.putInt(names);
    return b.array();
  }

  static byte[] registered(byte[] node, long boot, long version, Name n) {
    byte[] name = n.name().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = head(REGISTERED, node, boot, version, 2 + name.length + 9);
    b.putShort((short) name.length).put(name).put((byte) n.kind().ordinal()).putLong(n.since());
    return b.array();
  }

  static byte[] unregistered(byte[] node, long boot, long version, String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = head(UNREGISTERED, node, boot, version, 2 + n.length);
    b.putShort((short) n.length).put(n);
    return b.array();
  }

  private static ByteBuffer head(byte type, byte[] node, long boot, long version, int rest) {
    ByteBuffer b = ByteBuffer.allocate(3 + node.length + 16 + rest);
    return b.put(Records.VERSION).put(type).put((byte) node.length).put(node).putLong(boot)
        .putLong(version);
  }

  static Announcement announcement(byte[] data) throws Records.MalformedException {
    try {
      ByteBuffer b = version(data);
      byte type = b.get();
      String node = string(b, b.get() & 0xFF);
      long boot = b.getLong();
      long version = b.getLong();
      return switch (type) {
        case HEARTBEAT -> new Announcement(type, node, boot, version, null, b.getInt());
        case REGISTERED -> new Announcement(type, node, boot, version, name(b), 0);
        case UNREGISTERED -> new Announcement(type, node, boot, version,
            new Name(string(b, b.getShort() & 0xFFFF), ClientKind.INTERNAL, 0), 0);
        default -> throw new Records.MalformedException("unknown announcement " + type);
      };
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new Records.MalformedException("truncated announcement");
    }
  }

  static byte[] pageRequest(String after) {
    byte[] a = after.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(3 + a.length).put(Records.VERSION).putShort((short) a.length)
        .put(a).array();
  }

  static String pageRequestAfter(byte[] data) throws Records.MalformedException {
    try {
      ByteBuffer b = version(data);
      return string(b, b.getShort() & 0xFFFF);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new Records.MalformedException("truncated page request");
    }
  }

  /** @param names the page's names, already cut to fit one NATS message */
  static byte[] page(long boot, long version, boolean more, List<Name> names) {
    int size = 1 + 8 + 8 + 1 + 4;
    List<byte[]> encoded = new ArrayList<>(names.size());
    for (Name n : names) {
      byte[] e = n.name().getBytes(StandardCharsets.UTF_8);
      encoded.add(e);
      size += 2 + e.length + 9;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(Records.VERSION).putLong(boot).putLong(version)
        .put((byte) (more ? 1 : 0)).putInt(names.size());
    for (int i = 0; i < names.size(); i++) {
      byte[] e = encoded.get(i);
      b.putShort((short) e.length).put(e).put((byte) names.get(i).kind().ordinal())
          .putLong(names.get(i).since());
    }
    return b.array();
  }

  static Page page(byte[] data) throws Records.MalformedException {
    try {
      ByteBuffer b = version(data);
      long boot = b.getLong();
      long version = b.getLong();
      boolean more = b.get() != 0;
      int count = b.getInt();
      if (count < 0 || count > b.remaining() / 11) {
        throw new Records.MalformedException("bad name count " + count);
      }
      List<Name> names = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        names.add(name(b));
      }
      return new Page(boot, version, more, names);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new Records.MalformedException("truncated page");
    }
  }

  /** @return the bytes one name takes in a page */
  static int pageEntrySize(Name n) {
    return 2 + n.name().getBytes(StandardCharsets.UTF_8).length + 9;
  }

  private static Name name(ByteBuffer b) throws Records.MalformedException {
    String name = string(b, b.getShort() & 0xFFFF);
    int kind = b.get() & 0xFF;
    if (kind >= ClientKind.values().length) {
      throw new Records.MalformedException("unknown client kind " + kind);
    }
    return new Name(name, ClientKind.values()[kind], b.getLong());
  }

  private static ByteBuffer version(byte[] data) throws Records.MalformedException {
    if (data.length == 0 || data[0] != Records.VERSION) {
      throw new Records.MalformedException("unknown format version");
    }
    return ByteBuffer.wrap(data, 1, data.length - 1);
  }

  private static String string(ByteBuffer b, int n) {
    if (n > b.remaining()) {
      throw new BufferUnderflowException();
    }
    String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
    b.position(b.position() + n);
    return s;
  }
}

package org.loombus.federation.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the frames that cross between nodes (docs/federation.md#wire-format). A message
 * on NATS is an envelope (format version, origin node, its boot id, a sequence number) followed
 * by one or more records for the same subject. Integers are big-endian.
 *
 * <pre>
 * record   kind u8 | flags u8 (bit 0: real-time) | [token u64, kind ACKED only]
 *          | sender u16-len | address u32-len | [receiver u16-len, PUBLISH_FOR only]
 *          | payload u32-len
 * answer   kind u8 (ANSWER) | token u64 | result code u8
 * </pre>
 *
 * <p>Answers travel on the subject of direct messages to the node that waits for them, so that
 * under load they share NATS messages with the frames going the same way.
 */
public final class Records {
  /** Version byte of every message of this format. */
  public static final byte VERSION = 1;
  /** Direct message, no ACK wanted. */
  public static final byte MESSAGE = 1;
  /** Direct message whose sender waits for the result code, under a token. */
  public static final byte ACKED = 2;
  /** Broadcast to a name mask. */
  public static final byte BROADCAST = 3;
  /** Publication. */
  public static final byte PUBLISH = 4;
  /** Publication for one primary name. */
  public static final byte PUBLISH_FOR = 5;
  /** The result code of an acknowledged message, for the node whose client waits for it. */
  public static final byte ANSWER = 6;

  /** A message that does not follow the format; the node drops it. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private Records() {}

  /**
   * @param receiver the receiver of a publish-for, else {@code null}
   * @return the bytes {@link #put} takes for this record
   */
  public static int size(byte kind, byte[] sender, byte[] address, byte[] receiver, int len) {
    if (kind == ANSWER) {
      return 10;
    }
    return 2 + (kind == ACKED ? 8 : 0) + 2 + sender.length + 4 + address.length
        + (receiver != null ? 2 + receiver.length : 0) + 4 + len;
  }

  /**
   * Writes one record (an {@link #ANSWER}: only the token and, as {@code len}, the code).
   *
   * @param b where, with room for {@link #size} bytes
   * @param receiver the receiver of a publish-for, else {@code null}
   */
  public static void put(ByteBuffer b, byte kind, boolean realtime, long token, byte[] sender,
      byte[] address, byte[] receiver, byte[] src, int off, int len) {
    if (kind == ANSWER) {
      b.put(ANSWER).putLong(token).put((byte) len);
      return;
    }
    b.put(kind).put((byte) (realtime ? 1 : 0));
    if (kind == ACKED) {
      b.putLong(token);
    }
    b.putShort((short) sender.length).put(sender);
    b.putInt(address.length).put(address);
    if (receiver != null) {
      b.putShort((short) receiver.length).put(receiver);
    }
    b.putInt(len).put(src, off, len);
  }

  /** @return the size of the envelope of a data message from {@code origin} */
  public static int envelopeSize(byte[] origin) {
    return 2 + origin.length + 16;
  }

  /** Writes the envelope of a data message. */
  public static void envelope(ByteBuffer b, byte[] origin, long boot, long seq) {
    b.put(VERSION).put((byte) origin.length).put(origin).putLong(boot).putLong(seq);
  }

  /** One record of a data message, decoded in place: offsets into the message's bytes. */
  public static final class Reader {
    private final byte[] data;
    private final ByteBuffer b;
    public final String origin;
    public final long boot;
    public final long seq;
    public byte kind;
    public boolean realtime;
    public long token;
    public int code;
    public int senderOff;
    public int senderLen;
    public int addressOff;
    public int addressLen;
    public int receiverOff;
    public int receiverLen;
    public int payloadOff;
    public int payloadLen;

    /**
     * @param data a data message
     * @throws MalformedException if its envelope is broken
     */
    public Reader(byte[] data) throws MalformedException {
      this.data = data;
      this.b = ByteBuffer.wrap(data);
      try {
        if (b.get() != VERSION) {
          throw new MalformedException("unknown format version " + data[0]);
        }
        int n = b.get() & 0xFF;
        int at = b.position();
        skip(n);
        origin = new String(data, at, n, StandardCharsets.UTF_8);
        boot = b.getLong();
        seq = b.getLong();
      } catch (BufferUnderflowException e) {
        throw new MalformedException("truncated envelope");
      }
    }

    /**
     * @return whether another record was decoded into the fields
     * @throws MalformedException if it is broken
     */
    public boolean next() throws MalformedException {
      if (!b.hasRemaining()) {
        return false;
      }
      try {
        kind = b.get();
        if (kind < MESSAGE || kind > ANSWER) {
          throw new MalformedException("unknown record kind " + kind);
        }
        if (kind == ANSWER) {
          token = b.getLong();
          code = b.get() & 0xFF;
          return true;
        }
        realtime = (b.get() & 1) != 0;
        token = kind == ACKED ? b.getLong() : 0;
        senderLen = b.getShort() & 0xFFFF;
        senderOff = b.position();
        skip(senderLen);
        addressLen = length();
        addressOff = b.position();
        skip(addressLen);
        if (kind == PUBLISH_FOR) {
          receiverLen = b.getShort() & 0xFFFF;
          receiverOff = b.position();
          skip(receiverLen);
        }
        payloadLen = length();
        payloadOff = b.position();
        skip(payloadLen);
        return true;
      } catch (BufferUnderflowException e) {
        throw new MalformedException("truncated record");
      }
    }

    /** @return the bytes the offsets point into */
    public byte[] data() {
      return data;
    }

    /** @return the sender's name bytes, copied */
    public byte[] sender() {
      byte[] s = new byte[senderLen];
      System.arraycopy(data, senderOff, s, 0, senderLen);
      return s;
    }

    /** @return the address as a string; names and topics are strict UTF-8 on the sending node */
    public String address() {
      return new String(data, addressOff, addressLen, StandardCharsets.UTF_8);
    }

    /** @return the receiver of a publish-for */
    public String receiver() {
      return new String(data, receiverOff, receiverLen, StandardCharsets.UTF_8);
    }

    private int length() throws MalformedException {
      int n = b.getInt();
      if (n < 0) {
        throw new MalformedException("negative length");
      }
      return n;
    }

    private void skip(int n) {
      if (n > b.remaining()) {
        throw new BufferUnderflowException();
      }
      b.position(b.position() + n);
    }
  }
}

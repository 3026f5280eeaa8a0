package org.loombus.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService2;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.FrameSplitter;
import org.loombus.aldrin.protocol.HandshakeData;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceInfo;
import org.loombus.aldrin.protocol.SubscribeEvent;
import org.loombus.aldrin.protocol.SubscribeEventReply;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * The bench's Aldrin client: one TCP connection at protocol 1.20, blocking reads and buffered
 * writes on the Aldrin codec, with the few set-up steps the benchmarks need (an object with a
 * service, an event subscription). Not thread-safe: one thread reads, and one (maybe the same)
 * writes.
 */
final class AldrinPeer implements Closeable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int serial;

  private AldrinPeer(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000); // a stuck broker ends the run instead of hanging it
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  /**
   * Connects and agrees on 1.20, without client data.
   *
   * @param address the broker's TCP address
   * @return the connected peer
   * @throws IOException if the connection or the handshake fails
   */
  static AldrinPeer connect(InetSocketAddress address) throws IOException {
    AldrinPeer peer = new AldrinPeer(new Socket(address.getAddress(), address.getPort()));
    RawValue data = ValueCodec.encode(HandshakeData.of(Optional.empty()), ValueEpoch.V2);
    peer.send(new Connect2(1, 20, data));
    peer.flush();
    AldrinMessage reply = peer.receive();
    if (!(reply instanceof ConnectReply2 r && r.result() instanceof ConnectReply2.Result.Ok ok
        && ok.minorVersion() == 20)) {
      peer.close();
      throw new IOException("handshake refused: " + reply);
    }
    return peer;
  }

  /**
   * Creates an object with one service of version 1.
   *
   * @return the service's cookie
   * @throws IOException if the broker refuses either
   */
  UUID createService() throws IOException {
    int objectSerial = ++serial;
    send(new CreateObject(objectSerial, UUID.randomUUID()));
    flush();
    if (!(receive() instanceof CreateObjectReply r && r.serial() == objectSerial
        && r.result() instanceof CreateObjectReply.Result.Ok object)) {
      throw new IOException("object not created");
    }
    int serviceSerial = ++serial;
    RawValue info = ValueCodec.encode(ServiceInfo.ofVersion(1).toValue(), ValueEpoch.V2);
    send(new CreateService2(serviceSerial, object.cookie(), UUID.randomUUID(), info));
    flush();
    if (!(receive() instanceof CreateServiceReply sr && sr.serial() == serviceSerial
        && sr.result() instanceof CreateServiceReply.Result.Ok service)) {
      throw new IOException("service not created");
    }
    return service.cookie();
  }

  /**
   * Subscribes to one event of a service.
   *
   * @param service the service's cookie
   * @param event the event's id
   * @throws IOException if the broker refuses
   */
  void subscribe(UUID service, int event) throws IOException {
    int s = ++serial;
    send(new SubscribeEvent(OptionalInt.of(s), service, event));
    flush();
    if (!(receive() instanceof SubscribeEventReply r && r.serial() == s
        && r.result() == SubscribeEventReply.Result.OK)) {
      throw new IOException("subscription refused");
    }
  }

  /**
   * Queues a message; {@link #flush} sends what is queued.
   *
   * @param m the message
   * @throws IOException if the connection fails
   */
  void send(AldrinMessage m) throws IOException {
    out.write(MessageCodec.encode(m));
  }

  /** @throws IOException if the connection fails */
  void flush() throws IOException {
    out.flush();
  }

  /** @return whether a whole message may be read without waiting (some bytes are buffered) */
  boolean hasInput() throws IOException {
    return in.available() > 0;
  }

  /**
   * @return the next message
   * @throws IOException if the connection ends or the message is malformed
   */
  AldrinMessage receive() throws IOException {
    byte[] prefix = in.readNBytes(4);
    if (prefix.length < 4) {
      throw new EOFException("connection closed");
    }
    int length = (int) FrameSplitter.declaredLength(prefix, 0);
    if (length < 5 || length > 16 * 1024 * 1024) {
      throw new IOException("frame length " + Integer.toUnsignedString(length));
    }
    byte[] frame = new byte[length];
    System.arraycopy(prefix, 0, frame, 0, 4);
    if (in.readNBytes(frame, 4, length - 4) != length - 4) {
      throw new EOFException("connection closed inside a frame");
    }
    try {
      return MessageCodec.decode(frame, ProtocolVersion.V1_20);
    } catch (AldrinDecodeException e) {
      throw new IOException("malformed message from the broker: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

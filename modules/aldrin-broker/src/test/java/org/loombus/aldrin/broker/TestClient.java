package org.loombus.aldrin.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.UUID;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.Connect2;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.CreateObject;
import org.loombus.aldrin.protocol.CreateObjectReply;
import org.loombus.aldrin.protocol.CreateService;
import org.loombus.aldrin.protocol.CreateServiceReply;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.FrameSplitter;
import org.loombus.aldrin.protocol.HandshakeData;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.ObjectId;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ServiceId;
import org.loombus.aldrin.protocol.Shutdown;
import org.loombus.aldrin.protocol.Sync;
import org.loombus.aldrin.protocol.SyncReply;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * An Aldrin client for tests, written on the aldrin-protocol codec: it sends messages and
 * asserts what arrives, message by message, so a test states a client's exact sequence.
 */
final class TestClient implements AutoCloseable {
  private static final int TIMEOUT_MS = 5000;
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private ProtocolVersion version = ProtocolVersion.V1_20;
  private int nextSerial = 1000;

  private TestClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static TestClient open(int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.setSoTimeout(TIMEOUT_MS);
    s.setTcpNoDelay(true);
    return new TestClient(s);
  }

  /** Second handshake offering 1.minor without data; expects Ok with the agreed minor. */
  void handshake(int minor) throws IOException {
    send(new Connect2(1, minor, ValueCodec.encode(HandshakeData.of(Optional.empty()),
        ValueEpoch.V2)));
    int agreed = Math.min(minor, 20);
    ValueEpoch epoch = agreed >= 20 ? ValueEpoch.V2 : ValueEpoch.V1;
    expect(new ConnectReply2(new ConnectReply2.Result.Ok(agreed),
        ValueCodec.encode(HandshakeData.of(Optional.empty()), epoch)));
    version = new ProtocolVersion(1, agreed);
  }

  ProtocolVersion version() {
    return version;
  }

  void send(AldrinMessage m) throws IOException {
    sendBytes(MessageCodec.encode(m));
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** @return the next whole frame as it arrived */
  byte[] receiveFrame() throws IOException {
    byte[] prefix = new byte[4];
    in.readFully(prefix);
    int length = (int) FrameSplitter.declaredLength(prefix, 0);
    byte[] frame = new byte[length];
    System.arraycopy(prefix, 0, frame, 0, 4);
    in.readFully(frame, 4, length - 4);
    return frame;
  }

  AldrinMessage receive() throws IOException {
    byte[] frame = receiveFrame();
    try {
      return MessageCodec.decode(frame, ValueEpoch.of(version), DecodeRules.STRICT);
    } catch (AldrinDecodeException e) {
      throw new AssertionError("the broker sent an undecodable frame: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  <T extends AldrinMessage> T receive(Class<T> kind) throws IOException {
    AldrinMessage m = receive();
    if (!kind.isInstance(m)) {
      fail("expected " + kind.getSimpleName() + ", got " + m);
    }
    return (T) m;
  }

  void expect(AldrinMessage expected) throws IOException {
    assertEquals(expected, receive());
  }

  void expectBytes(byte[] expected) throws IOException {
    assertArrayEquals(expected, receiveFrame());
  }

  /** A Sync round trip: proves that nothing else was queued for this client before it. */
  void sync() throws IOException {
    int serial = nextSerial++;
    send(new Sync(serial));
    expect(new SyncReply(serial));
  }

  /** The broker closed the connection (after sending nothing more). */
  void expectClosed() throws IOException {
    try {
      int b = in.read();
      assertEquals(-1, b, "expected the connection to be closed, got a byte");
    } catch (SocketTimeoutException e) {
      fail("the connection is still open");
    } catch (SocketException | EOFException e) {
      // reset by the broker: closed as well
    }
  }

  /** Orderly end: Shutdown, the broker's Shutdown, then the end of the stream. */
  void shutdown() throws IOException {
    send(new Shutdown());
    expect(new Shutdown());
    expectClosed();
  }

  int serial() {
    return nextSerial++;
  }

  ObjectId createObject(UUID uuid) throws IOException {
    int serial = serial();
    send(new CreateObject(serial, uuid));
    CreateObjectReply r = receive(CreateObjectReply.class);
    assertEquals(serial, r.serial());
    return new ObjectId(uuid, ((CreateObjectReply.Result.Ok) r.result()).cookie());
  }

  ServiceId createService(ObjectId object, UUID uuid, int version) throws IOException {
    int serial = serial();
    send(new CreateService(serial, object.cookie(), uuid, version));
    CreateServiceReply r = receive(CreateServiceReply.class);
    assertEquals(serial, r.serial());
    return new ServiceId(object, uuid, ((CreateServiceReply.Result.Ok) r.result()).cookie());
  }

  static RawValue value(AldrinValue v) {
    return ValueCodec.encode(v, ValueEpoch.V2);
  }

  static UUID uuid(int n) {
    return new UUID(0, n);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

package org.loombus.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loombus.client.FakeBroker.hex;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.loombus.protocol.BusClient;
import org.loombus.protocol.BusException;
import org.loombus.protocol.ClientClosedException;
import org.loombus.protocol.Confirmation;
import org.loombus.protocol.Frame;
import org.loombus.protocol.FrameKind;
import org.loombus.protocol.Qos;
import org.loombus.protocol.ResultCode;
import org.loombus.testkit.Peer;

/**
 * The socket client against a scripted broker: the exact bytes it writes, and how it reads what a
 * broker may send (docs/protocol.md §1.2, §2). With {@link #QUIET} the client's first ping is far
 * away, so no ping interleaves with the frames a test reads.
 */
@Timeout(30)
class SocketClientWireTest {
  private static final Duration QUIET = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FakeBroker fake = new FakeBroker();
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final List<AutoCloseable> opened = new ArrayList<>();

  private record Session(BusClient client, FakeBroker.Peer peer) {}

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
    pool.shutdownNow();
    fake.close();
  }

  private Future<BusClient> connectAsync(String name, Duration timeout) {
    ClientConfig config = ClientConfig.builder(fake.address(), name).timeout(timeout).build();
    return pool.submit(() -> BusClients.connect(config));
  }

  private Session open(String name, Duration timeout) throws Exception {
    Future<BusClient> client = connectAsync(name, timeout);
    FakeBroker.Peer peer = fake.accept();
    opened.add(peer);
    peer.handshake(name);
    Session s = new Session(client.get(5, TimeUnit.SECONDS), peer);
    opened.add(s.client());
    return s;
  }

  /** Runs a connect whose broker side is {@code script}, and returns what connect threw. */
  private Throwable connectFailure(Duration timeout, Consumer<FakeBroker.Peer> script)
      throws Exception {
    Future<BusClient> client = connectAsync("c1", timeout);
    FakeBroker.Peer peer = fake.accept();
    opened.add(peer);
    script.accept(peer);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> client.get(5, TimeUnit.SECONDS));
    assertTrue(peer.awaitEof(), "the client did not close the refused connection");
    return e.getCause();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  @DisplayName("frames carry ids 1, 2, 3 … and the exact flags and bodies of every op")
  void frameBytes() throws Exception {
    Session s = open("c1", QUIET);
    BusClient c = s.client();
    FakeBroker.Peer peer = s.peer();
    c.send("c2", bytes("hi"), Qos.PROCESSED);
    assertEquals("01 00 00 00 52 05 00 00 00 63 32 00 68 69", hex(peer.read(14)));
    c.publish("a/b", bytes("x"), Qos.NO);
    assertEquals("02 00 00 00 01 05 00 00 00 61 2F 62 00 78", hex(peer.read(14)));
    c.subscribe(List.of("a/#", "b"), Qos.PROCESSED);
    assertEquals("03 00 00 00 42 05 00 00 00 61 2F 23 00 62", hex(peer.read(14)));
    c.broadcast("w.*", bytes("!"), Qos.REALTIME_PROCESSED);
    assertEquals("04 00 00 00 D3 05 00 00 00 77 2E 2A 00 21", hex(peer.read(14)));
    c.publishFor("t", "p", bytes("z"), Qos.PROCESSED);
    assertEquals("05 00 00 00 46 05 00 00 00 74 00 70 00 7A", hex(peer.read(14)));
    c.unsubscribe("a", Qos.REALTIME);
    assertEquals("06 00 00 00 83 01 00 00 00 61", hex(peer.read(10)));
    c.exclude("e", Qos.NO);
    assertEquals("07 00 00 00 04 01 00 00 00 65", hex(peer.read(10)));
    c.unexclude("e", Qos.PROCESSED);
    assertEquals("08 00 00 00 45 01 00 00 00 65", hex(peer.read(10)));
    c.send("c2", new byte[0], Qos.NO);
    assertEquals("09 00 00 00 12 03 00 00 00 63 32 00", hex(peer.read(12)));
  }

  @Test
  @DisplayName("ACKs complete the confirmation with the same frame id, in any order, with the broker's code")
  void acksCompleteTheirConfirmations() throws Exception {
    Session s = open("c1", QUIET);
    Confirmation first = s.client().send("c2", bytes("a"), Qos.PROCESSED);
    Confirmation second = s.client().send("c2", bytes("b"), Qos.REALTIME_PROCESSED);
    Confirmation third = s.client().subscribe("t", Qos.PROCESSED);
    s.peer().read(13 + 13 + 10);
    s.peer().write("FE 02 00 00 00 77");
    s.peer().write("FE 03 00 00 00 79");
    s.peer().write("FE 01 00 00 00 01");
    assertEquals(ResultCode.OK, first.await(WAIT));
    assertEquals(ResultCode.NOT_DELIVERED, second.await(WAIT));
    assertEquals(ResultCode.ACCESS, third.await(WAIT));
  }

  @Test
  @DisplayName("QoS 0 and 2 register no ACK: their confirmations are complete at once")
  void unacknowledgedQos() throws Exception {
    Session s = open("c1", QUIET);
    for (Qos qos : List.of(Qos.NO, Qos.REALTIME)) {
      Confirmation c = s.client().send("c2", bytes("x"), qos);
      assertTrue(c.isDone());
      assertEquals(ResultCode.OK, c.await());
    }
  }

  @Test
  @DisplayName("an ACK for an unknown frame id is ignored")
  void orphanedAck() throws Exception {
    Session s = open("c1", QUIET);
    Confirmation c = s.client().send("c2", bytes("x"), Qos.PROCESSED);
    s.peer().read(13);
    s.peer().write("FE 63 00 00 00 71");
    s.peer().write("12 03 00 00 00 00 63 32 00");
    assertNotNull(s.client().receive(WAIT)); // the reader is past the orphaned ACK
    assertFalse(c.isDone());
    s.peer().write("FE 01 00 00 00 01");
    assertEquals(ResultCode.OK, c.await(WAIT));
  }

  @Test
  @DisplayName("an empty mask list sends nothing and uses no frame id")
  void emptyMaskList() throws Exception {
    Session s = open("c1", QUIET);
    assertEquals(ResultCode.OK, s.client().subscribe(List.of(), Qos.PROCESSED).await(WAIT));
    s.client().send("c2", bytes("x"), Qos.NO);
    assertEquals("01 00 00 00 12 04 00 00 00 63 32 00 78", hex(s.peer().read(13)));
  }

  @Test
  @DisplayName("NOPs are skipped; messages, publications and broadcasts are parsed with their real-time byte")
  void deliveredFrames() throws Exception {
    Session s = open("c1", QUIET);
    s.peer().write("00 00 00 00 00 00");
    s.peer().write("12 05 00 00 00 01 63 31 00 68 69");
    s.peer().write("00 00 00 00 00 00");
    s.peer().write("01 08 00 00 00 00 63 31 00 61 2F 62 00 78");
    s.peer().write("13 04 00 00 00 00 63 31 00 21");
    s.peer().write("01 07 00 00 00 01 61 25 25 30 00 74 00");

    Frame m = s.client().receive(WAIT);
    assertEquals(FrameKind.MESSAGE, m.kind());
    assertEquals("c1", m.sender());
    assertArrayEquals(bytes("hi"), m.payload());
    assertTrue(m.isRealtime());

    Frame p = s.client().receive(WAIT);
    assertEquals(FrameKind.PUBLICATION, p.kind());
    assertEquals("a/b", p.topic());
    assertArrayEquals(bytes("x"), p.payload());
    assertFalse(p.isRealtime());

    Frame b = s.client().receive(WAIT);
    assertEquals(FrameKind.BROADCAST, b.kind());
    assertArrayEquals(bytes("!"), b.payload());

    Frame e = s.client().receive(WAIT);
    assertEquals("a%%0", e.sender());
    assertEquals("a", e.primarySender());
    assertEquals("t", e.topic());
    assertEquals(0, e.payloadLength());
    assertTrue(e.isRealtime());
  }

  @Test
  @DisplayName("QoS-0 frames are batched, acknowledged ones written at once, all in id order; "
      + "a frame larger than the buffer goes whole between them")
  void batchedAndLargeFrames() throws Exception {
    Future<BusClient> connecting = pool.submit(() -> BusClients.connect(
        ClientConfig.builder(fake.address(), "c1").timeout(QUIET).bufSize(64).build()));
    FakeBroker.Peer peer = fake.accept();
    opened.add(peer);
    peer.handshake("c1");
    BusClient c = connecting.get(5, TimeUnit.SECONDS);
    opened.add(c);
    byte[] large = new byte[1000];
    java.util.Arrays.fill(large, (byte) 0x5A);
    for (int i = 0; i < 20; i++) {
      c.send("t", new byte[] {(byte) i}, Qos.NO);
    }
    c.send("t", large, Qos.NO);
    c.send("t", bytes("end"), Qos.PROCESSED);
    for (int i = 0; i < 20; i++) {
      assertEquals(String.format("%02X 00 00 00 12 03 00 00 00 74 00 %02X", i + 1, i),
          hex(peer.read(12)), "frame " + (i + 1));
    }
    assertEquals("15 00 00 00 12 EA 03 00 00 74 00", hex(peer.read(11)));
    assertArrayEquals(large, peer.read(large.length));
    assertEquals("16 00 00 00 52 05 00 00 00 74 00 65 6E 64", hex(peer.read(14)));
  }

  @Test
  @DisplayName("a lone QoS-0 frame is written without waiting for more")
  void loneFireAndForget() throws Exception {
    Session s = open("c1", QUIET);
    s.client().publish("a", bytes("x"), Qos.NO);
    assertEquals("01 00 00 00 01 03 00 00 00 61 00 78", hex(s.peer().read(12)));
  }

  @Test
  @DisplayName("a body larger than the read buffer arrives whole")
  void largeFrame() throws Exception {
    Session s = open("c1", QUIET);
    byte[] payload = new byte[300_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    int len = 3 + payload.length;
    byte[] frame = new byte[6 + len];
    frame[0] = 0x12;
    frame[1] = (byte) len;
    frame[2] = (byte) (len >> 8);
    frame[3] = (byte) (len >> 16);
    frame[6] = 'c';
    frame[7] = '1';
    System.arraycopy(payload, 0, frame, 9, payload.length);
    s.peer().write(frame);
    assertArrayEquals(payload, s.client().receive(WAIT).payload());
  }

  @Test
  @DisplayName("EOF: queued frames are still received, then receive, pending confirmations and sends fail")
  void brokerClosesConnection() throws Exception {
    Session s = open("c1", QUIET);
    Confirmation pending = s.client().send("c2", bytes("x"), Qos.PROCESSED);
    s.peer().read(13);
    s.peer().write("12 05 00 00 00 00 63 32 00 68 69");
    s.peer().close();
    assertArrayEquals(bytes("hi"), s.client().receive(WAIT).payload());
    ClientClosedException e =
        assertThrows(ClientClosedException.class, () -> s.client().receive(WAIT));
    assertTrue(e.getMessage().contains("the broker closed the connection"), e.getMessage());
    assertThrows(ClientClosedException.class, () -> pending.await(WAIT));
    assertFalse(s.client().isConnected());
    assertThrows(ClientClosedException.class, () -> s.client().send("c2", bytes("x"), Qos.NO));
  }

  @Test
  @DisplayName("a frame kind no broker sends is a protocol error that closes the connection")
  void unknownKind() throws Exception {
    Session s = open("c1", QUIET);
    s.peer().write("7F 00 00 00 00 00");
    ClientClosedException e =
        assertThrows(ClientClosedException.class, () -> s.client().receive(WAIT));
    assertTrue(e.getMessage().contains("protocol error: unknown frame kind 0x7F"), e.getMessage());
    assertTrue(s.peer().awaitEof());
  }

  @Test
  @DisplayName("a delivered frame without the 00 after the sender is a protocol error")
  void missingTerminator() throws Exception {
    Session s = open("c1", QUIET);
    s.peer().write("12 02 00 00 00 00 63 31");
    ClientClosedException e =
        assertThrows(ClientClosedException.class, () -> s.client().receive(WAIT));
    assertTrue(e.getMessage().contains("protocol error"), e.getMessage());
  }

  @Test
  @DisplayName("an idle client sends the 9-byte ping every timeout/2")
  void pings() throws Exception {
    Session s = open("c1", Duration.ofMillis(200));
    for (int i = 0; i < 3; i++) {
      assertEquals("00 00 00 00 00 00 00 00 00", hex(s.peer().read(9)));
    }
  }

  @Test
  @DisplayName("a write blocked longer than the timeout (broker not reading) disconnects the client; "
      + "meanwhile a frame larger than the buffer waits for the one before it")
  void stalledWrite() throws Exception {
    Session s = open("c1", Duration.ofMillis(300));
    byte[] big = new byte[1 << 20];
    int[] sent = {0};
    ClientClosedException e = assertThrows(ClientClosedException.class, () -> {
      for (int i = 0; i < 256; i++) {
        s.client().send("c2", big, Qos.NO);
        sent[0]++;
      }
    });
    assertTrue(e.getMessage().contains("a write blocked for more than 300 ms"), e.getMessage());
    assertFalse(s.client().isConnected());
    // Only what the kernel buffers (here 4 frames; at most tcp_wmem + tcp_rmem, 36 MiB) plus one
    // frame in the client: before, every frame was buffered until the timeout (123 MiB, 15 s).
    assertTrue(sent[0] <= 37, sent[0] + " frames of 1 MiB buffered behind a stalled broker");
  }

  @Test
  @DisplayName("an interrupt pending on the caller neither closes the connection nor is lost")
  void interruptedCaller() throws Exception {
    Session s = open("c1", QUIET);
    Thread.currentThread().interrupt();
    Confirmation c = s.client().send("c2", bytes("x"), Qos.PROCESSED);
    assertTrue(Thread.interrupted(), "the interrupt flag was cleared");
    assertEquals("01 00 00 00 52 04 00 00 00 63 32 00 78", hex(s.peer().read(13)));
    s.peer().write("FE 01 00 00 00 01");
    assertEquals(ResultCode.OK, c.await(WAIT));
    assertTrue(s.client().isConnected());
  }

  @Test
  @DisplayName("a greeting other than EB 01 00 fails the connect with 75")
  void badGreeting() throws Exception {
    Throwable t = connectFailure(QUIET, peer -> peer.write("EB 02 00"));
    BusException e = assertInstanceOf(BusException.class, t);
    assertEquals(ResultCode.NOT_SUPPORTED, e.code());
  }

  @Test
  @DisplayName("a non-01 answer to the greeting fails the connect with that code")
  void greetingRefused() throws Exception {
    Throwable t = connectFailure(QUIET, peer -> {
      peer.write("EB 01 00");
      peer.read(3);
      peer.write("75");
    });
    assertEquals(ResultCode.NOT_SUPPORTED, assertInstanceOf(BusException.class, t).code());
  }

  @Test
  @DisplayName("a non-01 registration status fails the connect with that code")
  void registrationRefused() throws Exception {
    Throwable t = connectFailure(QUIET, peer -> {
      peer.write("EB 01 00");
      peer.read(3);
      peer.write("01");
      peer.read(4);
      peer.write("76");
    });
    BusException e = assertInstanceOf(BusException.class, t);
    assertEquals(ResultCode.BUSY, e.code());
    assertTrue(e.getMessage().contains("c1"), e.getMessage());
  }

  @Test
  @DisplayName("a broker that never completes the handshake fails the connect after the timeout")
  void handshakeTimeout() throws Exception {
    Throwable t = connectFailure(Duration.ofMillis(300), peer -> peer.write("EB 01 00"));
    UncheckedIOException e = assertInstanceOf(UncheckedIOException.class, t);
    assertTrue(e.getMessage().contains("no handshake within 300 ms"), e.getMessage());
  }

  @Test
  @DisplayName("a connection closed during the handshake fails the connect with an I/O error")
  void closedDuringHandshake() throws Exception {
    Future<BusClient> client = connectAsync("c1", QUIET);
    fake.accept().close();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> client.get(5, TimeUnit.SECONDS));
    UncheckedIOException io = assertInstanceOf(UncheckedIOException.class, e.getCause());
    assertTrue(io.getMessage().startsWith("cannot connect to " + fake.address() + " as c1: "),
        io.getMessage());
  }
}

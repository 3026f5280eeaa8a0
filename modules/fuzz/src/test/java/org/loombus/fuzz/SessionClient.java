package org.loombus.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Pipe;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.loombus.aldrin.broker.AldrinBroker;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.ConnectReply;
import org.loombus.aldrin.protocol.ConnectReply2;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.FrameSplitter;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * One simulated client of {@link AldrinSessions}: two pipes to an {@link AldrinBroker}, which
 * serves them on a virtual thread of their own through {@link AldrinBroker#serve}, and a reader
 * that decodes every frame the broker sends with the strict decoder of the client's negotiated
 * version and queues it for the program. A frame that does not decode, a kind the broker never
 * sends or that the version lacks, and anything after a refused handshake are reported as
 * failures; so is any throwable escaping {@code serve}.
 */
final class SessionClient {
  /** Queued once the broker's stream has ended (or the client cut it). */
  static final Object END = new Object();
  // Far above what the broker's 64 KiB frames grow to when values are converted for an older epoch.
  private static final int MAX_FRAME = 1 << 20;

  private final int slot;
  private final Pipe toBroker;
  private final Pipe toClient;
  private final Thread serving;
  private final Thread reading;
  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final Consumer<Throwable> failures;
  private final ValueEpoch handshakeEpoch;
  // Set by the reader from an accepting handshake answer; read by the program after that answer.
  private volatile ProtocolVersion version;
  private volatile boolean tornTail;

  /**
   * Connects a new client and starts serving and reading it; nothing is sent yet.
   *
   * @param broker the broker under test
   * @param slot the client's number, for thread names and messages
   * @param handshakeEpoch the epoch the client reads the handshake answer in (that of the
   *     version it expects to agree on)
   * @param failures where failures of the broker and of decoding go
   */
  SessionClient(AldrinBroker broker, int slot, ValueEpoch handshakeEpoch,
      Consumer<Throwable> failures) throws IOException {
    this.slot = slot;
    this.handshakeEpoch = handshakeEpoch;
    this.failures = failures;
    toBroker = Pipe.open();
    toClient = Pipe.open();
    ByteChannel brokerSide = new BrokerSide(toBroker.source(), toClient.sink());
    serving = Thread.ofVirtual().name("aldrin-fuzz-serve-" + slot).start(() -> {
      try {
        broker.serve(brokerSide, "fuzz client " + slot);
      } catch (Throwable t) {
        failures.accept(new AssertionError("escaped the broker serving client " + slot, t));
      }
    });
    reading = Thread.ofVirtual().name("aldrin-fuzz-read-" + slot).start(this::readLoop);
  }

  /** @return the negotiated version, or null unless the broker accepted the handshake */
  ProtocolVersion version() {
    return version;
  }

  /** @return whether the broker's stream ended inside a frame */
  boolean tornTail() {
    return tornTail;
  }

  /**
   * @param m a message to send
   * @return false if the broker has closed the connection
   */
  boolean send(AldrinMessage m) {
    return sendBytes(MessageCodec.encode(m));
  }

  /**
   * @param bytes bytes to send as they are
   * @return false if the broker has closed the connection
   */
  boolean sendBytes(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      while (b.hasRemaining()) {
        toBroker.sink().write(b);
      }
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /**
   * @param deadline System.nanoTime() to wait until
   * @return the next message from the broker, {@link #END}, or null if none came in time
   */
  Object next(long deadline) throws InterruptedException {
    return inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  /** Disconnects abruptly: the broker reads the end of the stream, its writes fail. */
  void cut() {
    closeQuietly(toBroker.sink());
    closeQuietly(toClient.source());
  }

  /**
   * @param deadline System.nanoTime() to wait until
   * @return whether the broker has stopped serving the client and the reader has ended
   */
  boolean awaitEnd(long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left > 0) {
      serving.join(Math.max(1, left / 1_000_000));
    }
    left = deadline - System.nanoTime();
    if (left > 0) {
      reading.join(Math.max(1, left / 1_000_000));
    }
    return !serving.isAlive() && !reading.isAlive();
  }

  /** Releases all four pipe ends, whatever state the client is in. */
  void close() {
    cut();
    closeQuietly(toBroker.source());
    closeQuietly(toClient.sink());
  }

  private void readLoop() {
    FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
    ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
    boolean refused = false;
    try {
      while (true) {
        buf.clear();
        if (toClient.source().read(buf) < 0) {
          tornTail = splitter.buffered() > 0;
          return;
        }
        buf.flip();
        splitter.feed(buf);
        for (byte[] f = splitter.nextFrame(); f != null; f = splitter.nextFrame()) {
          if (refused) {
            failures.accept(new AssertionError("client " + slot
                + " got a frame after its handshake was refused"));
            return;
          }
          AldrinMessage m = decode(f);
          refused = version == null;
          inbox.add(m);
        }
      }
    } catch (IOException e) {
      // the client cut the connection itself
    } catch (AldrinDecodeException e) {
      failures.accept(new AssertionError("client " + slot + " of version " + version
          + " cannot decode what the broker sent: " + e.getMessage(), e));
    } catch (AssertionError e) {
      failures.accept(e);
    } finally {
      inbox.add(END);
    }
  }

  private AldrinMessage decode(byte[] frame) throws AldrinDecodeException {
    ProtocolVersion v = version;
    if (v == null) {
      AldrinMessage m = MessageCodec.decode(frame, handshakeEpoch, DecodeRules.STRICT);
      switch (m) {
        case ConnectReply r when r.result() instanceof ConnectReply.Result.Ok ->
            version = ProtocolVersion.V1_14;
        case ConnectReply2 r when r.result() instanceof ConnectReply2.Result.Ok ok ->
            version = new ProtocolVersion(1, ok.minorVersion());
        default -> {
          // refused; the program checks which answer it was
        }
      }
      return m;
    }
    AldrinMessage m = MessageCodec.decode(frame, v);
    if (!m.kind().sentByBroker() || !m.kind().isAvailableIn(v)) {
      throw new AssertionError("client " + slot + " of version " + v + " got " + m.kind()
          + ", which the broker does not send to it");
    }
    return m;
  }

  private static void closeQuietly(java.nio.channels.Channel c) {
    try {
      c.close();
    } catch (IOException e) {
      // already broken
    }
  }

  /** The broker's side of the connection: reads the client's pipe, writes the other. */
  private record BrokerSide(Pipe.SourceChannel in, Pipe.SinkChannel out) implements ByteChannel {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      return in.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return out.write(src);
    }

    @Override
    public boolean isOpen() {
      return in.isOpen() && out.isOpen();
    }

    @Override
    public void close() {
      closeQuietly(in);
      closeQuietly(out);
    }
  }
}

package org.loombus.aldrin.broker.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.loombus.aldrin.broker.AldrinBrokerConfig;
import org.loombus.aldrin.broker.Decision;
import org.loombus.aldrin.broker.PendingClient;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.FrameSplitter;
import org.loombus.aldrin.protocol.Handshake;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.Negotiation;
import org.loombus.aldrin.protocol.Shutdown;
import org.loombus.aldrin.protocol.ValueEpoch;

/**
 * One client from its first byte to its last, on the thread that serves its connection: the
 * handshake and admission, then the reading of its messages into the {@link Router} until it
 * sends {@code Shutdown}, its stream ends, or it is dropped.
 */
public final class Session {
  private static final int READ_BUFFER = 16 * 1024;

  private final Router router;
  private final AldrinBrokerConfig config;
  private final ClientConnection connection;
  private final String peer;
  private final FrameSplitter splitter;
  private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);

  /**
   * @param router the routing table the client joins
   * @param config limits and the admission
   * @param connection the client's connection
   * @param peer who the client is, for the admission and logs
   */
  public Session(Router router, AldrinBrokerConfig config, ClientConnection connection,
      String peer) {
    this.router = router;
    this.config = config;
    this.connection = connection;
    this.peer = peer;
    this.splitter = new FrameSplitter(config.maxFrameLength());
  }

  /**
   * The handshake and the admission. A client that is not accepted is gone when this returns:
   * its channel is closed (and, where the protocol says so, it was answered first).
   *
   * @return whether the client was accepted and joined the bus; then {@link #run} serves it
   */
  public boolean open() {
    try {
      connection.deadline(System.nanoTime() + config.handshakeTimeout().toNanos());
      if (handshake()) {
        return true;
      }
    } catch (AldrinDecodeException | IOException e) {
      fail(e);
    }
    end();
    return false;
  }

  /** Serves an accepted client until it is gone; the channel is closed on return. */
  public void run() {
    try {
      readLoop();
    } catch (AldrinDecodeException | IOException e) {
      fail(e);
    } finally {
      end();
    }
  }

  private void fail(Exception e) {
    if (e instanceof AldrinDecodeException) {
      // Out of the routing table first, so that what the client sees last is the whole story.
      router.remove(connection);
      connection.drop(DropCause.PROTOCOL_VIOLATION, "undecodable input: " + e.getMessage());
    } else {
      // The stream ended or broke; if the broker closed it, it has said why.
      connection.drop(null, null);
    }
  }

  private void end() {
    router.remove(connection);
    connection.closeChannel();
  }

  /** @return whether the client was accepted */
  private boolean handshake() throws IOException, AldrinDecodeException {
    byte[] frame = nextFrame();
    if (frame == null) {
      return false;
    }
    // No version is agreed yet: read in the newest epoch, which reads both.
    AldrinMessage first = MessageCodec.decode(frame, ValueEpoch.V2, DecodeRules.STRICT);
    Negotiation outcome = Handshake.negotiate(first);
    switch (outcome) {
      case Negotiation.NotAHandshake n -> {
        connection.drop(DropCause.PROTOCOL_VIOLATION,
            "first message is " + n.kind() + ", not a handshake");
        return false;
      }
      case Negotiation.Incompatible n -> {
        connection.refused();
        connection.writeNow(MessageCodec.encode(n.reply()));
        ClientConnection.LOG.log(Level.INFO,
            "aldrin client {0} refused: version {1} is not supported", connection,
            n.requested());
        return false;
      }
      case Negotiation.Agreed agreed -> {
        return admit(first, agreed);
      }
    }
  }

  private boolean admit(AldrinMessage first, Negotiation.Agreed agreed)
      throws IOException, AldrinDecodeException {
    Optional<AldrinValue> data = Handshake.clientData(first);
    // The admission may take its time; the client waits for it, not for the handshake deadline.
    connection.deadline(0);
    Decision decision = config.admission().decide(
        new PendingClient(agreed.version(), agreed.legacy(), data, peer));
    if (decision instanceof Decision.Reject r) {
      connection.refused();
      connection.writeNow(MessageCodec.encode(Handshake.rejectReply(agreed, r.replyData())));
      ClientConnection.LOG.log(Level.INFO, "aldrin client {0} rejected by the admission",
          connection);
      return false;
    }
    connection.version(agreed.version());
    // The answer is queued before the client joins, so it precedes anything routed to it.
    connection.offer(MessageCodec.encode(Handshake.acceptReply(agreed, decision.replyData())));
    if (!router.add(connection, agreed.version())) {
      connection.drop(null, "the broker is shutting down");
      return false;
    }
    connection.startWriter(config.threads());
    return true;
  }

  private void readLoop() throws IOException, AldrinDecodeException {
    ValueEpoch epoch = ValueEpoch.of(connection.version());
    while (true) {
      byte[] frame = nextFrame();
      if (frame == null) {
        return;
      }
      AldrinMessage m = MessageCodec.decode(frame, epoch, DecodeRules.STRICT);
      if (m instanceof Shutdown) {
        router.remove(connection);
        // Answered after everything already queued; a broker-initiated Shutdown is not repeated.
        connection.finishWith(MessageCodec.encode(m));
        connection.awaitWriter(config.writeDeadline().toMillis());
        return;
      }
      router.handle(connection, m);
    }
  }

  /** @return the next whole frame, or null at the end of the stream */
  private byte[] nextFrame() throws IOException, AldrinDecodeException {
    while (true) {
      byte[] frame = splitter.nextFrame();
      if (frame != null) {
        return frame;
      }
      if (splitter.buffered() == 0 && Thread.currentThread().isVirtual()) {
        // Everything read is handled. As in the BUS/RT reader: a read now would mostly park and
        // later be woken through the JDK's poller; yielding once first lets the other runnable
        // threads (the writers just given frames) go, by which time the client has often sent
        // its next message.
        Thread.yield();
      }
      buffer.clear();
      int n = connection.channel().read(buffer);
      if (n < 0) {
        if (splitter.buffered() > 0) {
          router.remove(connection);
          connection.drop(DropCause.PROTOCOL_VIOLATION, "stream ended inside a frame");
        }
        return null;
      }
      buffer.flip();
      splitter.feed(buffer);
    }
  }
}

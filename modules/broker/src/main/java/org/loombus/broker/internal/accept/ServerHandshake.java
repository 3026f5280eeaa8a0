package org.loombus.broker.internal.accept;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import org.loombus.broker.HandshakeException;
import org.loombus.broker.LogText;
import org.loombus.broker.PendingConnection;
import org.loombus.broker.Transport;
import org.loombus.broker.TransportViolation;
import org.loombus.broker.internal.BrokerCore;
import org.loombus.broker.internal.PendingHandshakes;
import org.loombus.protocol.ResultCode;
import org.loombus.protocol.wire.Handshake;
import org.loombus.protocol.wire.Utf8;

/**
 * The broker's side of the handshake (docs/protocol.md §1.2–§1.4) on a fresh transport: greeting,
 * its echo, the status byte, the client's name. Each step must be complete within T however the
 * bytes trickle in. Any failure closes the transport, is counted and logged in one line.
 */
public final class ServerHandshake {
  private final TransportSession session;

  private ServerHandshake(TransportSession session) {
    this.session = session;
  }

  /**
   * Runs the handshake on the calling thread.
   *
   * @param core the broker
   * @param transport a fresh connection
   * @return the client waiting to be accepted or rejected
   * @throws HandshakeException if the handshake fails; the transport is closed
   */
  public static PendingConnection run(BrokerCore core, Transport transport)
      throws HandshakeException {
    if (core.isShutdown()) {
      BrokerCore.closeQuietly(transport, Transport.Ending.SHUTDOWN);
      throw new HandshakeException(0, "the broker has shut down", null);
    }
    String peer = PendingHandshakes.peerOf(transport);
    String refusal = core.pendingHandshakes().enter(peer);
    if (refusal != null) {
      BrokerCore.closeQuietly(transport, Transport.Ending.POLICY);
      core.stats().rejectedHandshakes.increment();
      core.handshakeLog().log(Level.INFO, "handshake with {0} refused: {1}",
          transport.describePeer(), refusal);
      throw new HandshakeException(0, refusal, null);
    }
    try {
      TransportSession session = new TransportSession(core, transport);
      try {
        session.startWatchdog();
      } catch (RejectedExecutionException stopped) {
        // the broker shut down since the check above: its ticker takes no more watchdogs
        BrokerCore.closeQuietly(transport, Transport.Ending.SHUTDOWN);
        throw new HandshakeException(0, "the broker has shut down", null);
      }
      return new ServerHandshake(session).exchange();
    } finally {
      core.pendingHandshakes().leave(peer);
    }
  }

  private PendingConnection exchange() throws HandshakeException {
    try {
      session.write(ByteBuffer.wrap(Handshake.greeting()));
      byte[] greeting = readExactly(3);
      if (!Handshake.isValidGreeting(greeting)) {
        status(ResultCode.NOT_SUPPORTED);
        throw fail(session, ResultCode.NOT_SUPPORTED, "unsupported greeting or protocol version",
            Transport.Ending.PROTOCOL);
      }
      status(ResultCode.OK);
      byte[] len = readExactly(2);
      int n = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
      if (n == 0) {
        status(ResultCode.DATA);
        throw fail(session, ResultCode.DATA, "empty client name", Transport.Ending.PROTOCOL);
      }
      byte[] nameBytes = readExactly(n);
      String name = Utf8.decode(nameBytes, 0, n);
      if (name == null) {
        throw fail(session, 0, "client name is not valid UTF-8", Transport.Ending.PROTOCOL);
      }
      // A NUL inside a name would break every receiver's parser of the sender field.
      if (name.startsWith(".") || name.indexOf('\0') >= 0) {
        status(ResultCode.DATA);
        throw fail(session, ResultCode.DATA, "invalid client name '" + LogText.of(name) + "'",
            Transport.Ending.PROTOCOL);
      }
      return new PendingTransport(session, name);
    } catch (HandshakeException e) {
      throw e;
    } catch (TransportViolation e) {
      throw fail(session, 0, e.getMessage(), Transport.Ending.PROTOCOL);
    } catch (IOException e) {
      String reason = session.detachReason();
      throw fail(session, 0, reason != null ? reason : "handshake I/O error: " + e.getMessage(),
          Transport.Ending.NORMAL);
    }
  }

  private void status(int code) throws IOException {
    sendStatus(session, code);
  }

  /** Reads one handshake step, which must be complete within T. */
  private byte[] readExactly(int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    long deadline = System.nanoTime() + session.timeoutNanos;
    while (b.hasRemaining()) {
      if (session.read(b, deadline) < 0) {
        throw new EOFException("connection closed during the handshake");
      }
    }
    return b.array();
  }

  /** Writes one status byte of the handshake. */
  static void sendStatus(TransportSession session, int code) throws IOException {
    session.write(ByteBuffer.wrap(new byte[] {(byte) code}));
  }

  /** Ends a handshake that failed or was refused: closed, counted, one log line. */
  static HandshakeException fail(TransportSession session, int code, String reason,
      Transport.Ending why) {
    session.detach(reason, why);
    session.core.stats().rejectedHandshakes.increment();
    session.core.handshakeLog().log(Level.INFO, "handshake with {0} failed: {1}", session.peer,
        reason);
    return new HandshakeException(code, reason, null);
  }
}

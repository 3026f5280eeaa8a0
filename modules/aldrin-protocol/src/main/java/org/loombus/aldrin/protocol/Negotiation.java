package org.loombus.aldrin.protocol;

import java.util.Objects;

/** The outcome of a client's first message, as {@link Handshake#negotiate} decides it. */
public sealed interface Negotiation {
  /**
   * A common version exists. The broker's embedder may still accept or reject the client; {@link
   * Handshake#acceptReply} and {@link Handshake#rejectReply} build the answer.
   *
   * @param version the version the connection will use
   * @param legacy whether the client used the first handshake ({@link Connect}), which is answered
   *     with {@link ConnectReply} instead of {@link ConnectReply2}
   */
  record Agreed(ProtocolVersion version, boolean legacy) implements Negotiation {
    /** Rejects null. */
    public Agreed {
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * No common version. The broker sends {@code reply} and closes the connection.
   *
   * @param requested the version the client asked for
   * @param reply the answer that says so, ready to encode
   */
  record Incompatible(ProtocolVersion requested, AldrinMessage reply) implements Negotiation {
    /** Rejects nulls. */
    public Incompatible {
      Objects.requireNonNull(requested, "requested");
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * The first message was not a connect message. aldrin-broker closes the connection without an
   * answer.
   *
   * @param kind what the client sent instead
   */
  record NotAHandshake(MessageKind kind) implements Negotiation {
    /** Rejects null. */
    public NotAHandshake {
      Objects.requireNonNull(kind, "kind");
    }
  }
}

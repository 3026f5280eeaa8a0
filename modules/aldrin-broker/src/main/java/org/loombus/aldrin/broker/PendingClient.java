package org.loombus.aldrin.broker;

import java.util.Objects;
import java.util.Optional;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.ProtocolVersion;

/**
 * A client whose handshake has agreed on a version and which waits for its {@link Admission}.
 *
 * @param version the version the connection will use if accepted
 * @param legacyHandshake whether it used the first handshake ({@code Connect}, 1.14), which is
 *     answered with {@code ConnectReply} instead of {@code ConnectReply2}
 * @param data the data the client sent with its handshake, if any
 * @param peer who it is, as the transport describes it (for logs)
 */
public record PendingClient(
    ProtocolVersion version, boolean legacyHandshake, Optional<AldrinValue> data, String peer) {
  /** Rejects nulls. */
  public PendingClient {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(peer, "peer");
  }
}

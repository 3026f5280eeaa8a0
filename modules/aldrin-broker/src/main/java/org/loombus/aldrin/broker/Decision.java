package org.loombus.aldrin.broker;

import java.util.Objects;
import java.util.Optional;
import org.loombus.aldrin.protocol.AldrinValue;

/** What an {@link Admission} decided about a {@link PendingClient}. */
public sealed interface Decision {
  /** @return the data sent to the client with the answer, if any */
  Optional<AldrinValue> replyData();

  /**
   * Admit the client: it gets {@code Ok} and joins the bus.
   *
   * @param replyData data for the client, if any
   */
  record Accept(Optional<AldrinValue> replyData) implements Decision {
    /** Rejects null. */
    public Accept {
      Objects.requireNonNull(replyData, "replyData");
    }
  }

  /**
   * Refuse the client: it gets {@code Rejected} and the connection closes.
   *
   * @param replyData data for the client, if any (say why)
   */
  record Reject(Optional<AldrinValue> replyData) implements Decision {
    /** Rejects null. */
    public Reject {
      Objects.requireNonNull(replyData, "replyData");
    }
  }
}

package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * An object on the bus: the UUID its owner chose and the cookie the broker assigned when it was
 * created. On the wire, 32 bytes: UUID then cookie.
 *
 * @param uuid the object UUID
 * @param cookie the object cookie
 */
public record ObjectId(UUID uuid, UUID cookie) {
  /** Rejects nulls. */
  public ObjectId {
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(cookie, "cookie");
  }
}

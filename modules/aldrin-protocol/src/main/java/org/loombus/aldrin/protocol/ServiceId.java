package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * A service on the bus: its object, the service UUID, and the cookie the broker assigned. On the
 * wire, 64 bytes: object UUID, object cookie, service UUID, service cookie.
 *
 * @param object the object the service belongs to
 * @param uuid the service UUID
 * @param cookie the service cookie
 */
public record ServiceId(ObjectId object, UUID uuid, UUID cookie) {
  /** Rejects nulls. */
  public ServiceId {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(cookie, "cookie");
  }
}

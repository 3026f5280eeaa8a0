package org.loombus.aldrin.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a bus listener reports: objects (all, or one UUID) or services (any combination of object
 * UUID and service UUID). On the wire, a filter byte 0 to 5 followed by the UUIDs it names.
 */
public sealed interface BusListenerFilter {
  /**
   * Object creation and destruction.
   *
   * @param object the one object UUID to report, or empty for every object
   */
  record ObjectFilter(Optional<UUID> object) implements BusListenerFilter {
    /** Rejects null. */
    public ObjectFilter {
      Objects.requireNonNull(object, "object");
    }
  }

  /**
   * Service creation and destruction.
   *
   * @param object only services of this object UUID, or empty for any object
   * @param service only services of this service UUID, or empty for any service
   */
  record ServiceFilter(Optional<UUID> object, Optional<UUID> service)
      implements BusListenerFilter {
    /** Rejects nulls. */
    public ServiceFilter {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(service, "service");
    }
  }

  /**
   * @return the wire byte: 0 any object, 1 one object, 2 any service, 3 any service of one object,
   *     4 one service UUID on any object, 5 one service UUID on one object
   */
  default int code() {
    return switch (this) {
      case ObjectFilter o -> o.object().isEmpty() ? 0 : 1;
      case ServiceFilter s ->
          2 + (s.object().isPresent() ? 1 : 0) + (s.service().isPresent() ? 2 : 0);
    };
  }

  /**
   * @param object an object
   * @return whether this filter reports that object's creation and destruction
   */
  default boolean matchesObject(ObjectId object) {
    return this instanceof ObjectFilter o && o.object().map(object.uuid()::equals).orElse(true);
  }

  /**
   * @param service a service
   * @return whether this filter reports that service's creation and destruction
   */
  default boolean matchesService(ServiceId service) {
    return this instanceof ServiceFilter s
        && s.object().map(service.object().uuid()::equals).orElse(true)
        && s.service().map(service.uuid()::equals).orElse(true);
  }
}

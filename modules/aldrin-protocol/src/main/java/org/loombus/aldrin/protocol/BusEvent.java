package org.loombus.aldrin.protocol;

import java.util.Objects;

/**
 * What a bus listener is told: an object or a service appeared or disappeared. On the wire, an
 * event byte 0 to 3, then the object id (32 bytes) or the service id (64 bytes).
 */
public sealed interface BusEvent {
  /**
   * 0: an object was created.
   *
   * @param object the new object
   */
  record ObjectCreated(ObjectId object) implements BusEvent {
    /** Rejects null. */
    public ObjectCreated {
      Objects.requireNonNull(object, "object");
    }
  }

  /**
   * 1: an object was destroyed.
   *
   * @param object the object that is gone
   */
  record ObjectDestroyed(ObjectId object) implements BusEvent {
    /** Rejects null. */
    public ObjectDestroyed {
      Objects.requireNonNull(object, "object");
    }
  }

  /**
   * 2: a service was created.
   *
   * @param service the new service
   */
  record ServiceCreated(ServiceId service) implements BusEvent {
    /** Rejects null. */
    public ServiceCreated {
      Objects.requireNonNull(service, "service");
    }
  }

  /**
   * 3: a service was destroyed.
   *
   * @param service the service that is gone
   */
  record ServiceDestroyed(ServiceId service) implements BusEvent {
    /** Rejects null. */
    public ServiceDestroyed {
      Objects.requireNonNull(service, "service");
    }
  }

  /** @return the wire byte */
  default int code() {
    return switch (this) {
      case ObjectCreated e -> 0;
      case ObjectDestroyed e -> 1;
      case ServiceCreated e -> 2;
      case ServiceDestroyed e -> 3;
    };
  }

  /**
   * @param filter a bus listener filter
   * @return whether the filter reports this event
   */
  default boolean matches(BusListenerFilter filter) {
    return switch (this) {
      case ObjectCreated e -> filter.matchesObject(e.object());
      case ObjectDestroyed e -> filter.matchesObject(e.object());
      case ServiceCreated e -> filter.matchesService(e.service());
      case ServiceDestroyed e -> filter.matchesService(e.service());
    };
  }
}

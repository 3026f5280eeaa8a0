package org.loombus.aldrin.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The description of a service that {@link CreateService2} carries and {@link
 * QueryServiceInfoReply} returns (since 1.17): a struct with field 0 the version ({@code u32}),
 * field 1 optionally a type id ({@code Some(uuid)}), field 2 optionally whether all-events
 * subscriptions are allowed ({@code Some(bool)}, since 1.18). Unknown fields are ignored.
 *
 * @param version the service version (unsigned 32-bit)
 * @param typeId the type id of the service's introspection, if any
 * @param subscribeAll whether {@link SubscribeAllEvents} is supported, if stated
 */
public record ServiceInfo(int version, Optional<UUID> typeId, Optional<Boolean> subscribeAll) {
  /** Field id of the version. */
  public static final int VERSION_FIELD = 0;
  /** Field id of the type id. */
  public static final int TYPE_ID_FIELD = 1;
  /** Field id of the all-events flag. */
  public static final int SUBSCRIBE_ALL_FIELD = 2;

  /** Rejects nulls. */
  public ServiceInfo {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(subscribeAll, "subscribeAll");
  }

  /**
   * @param version a service version
   * @return the info of a plain {@link CreateService}: just the version
   */
  public static ServiceInfo ofVersion(int version) {
    return new ServiceInfo(version, Optional.empty(), Optional.empty());
  }

  /**
   * @param subscribeAll the new flag
   * @return this info with the flag set; aldrin-broker forces it to false for services created by
   *     1.17 clients, which predate all-events subscriptions
   */
  public ServiceInfo withSubscribeAll(boolean subscribeAll) {
    return new ServiceInfo(version, typeId, Optional.of(subscribeAll));
  }

  /**
   * Reads a service info the way Aldrin does: a struct whose field 0 is a {@code u32} (required),
   * field 1 {@code None} or {@code Some(uuid)}, field 2 {@code None} or {@code Some(bool)}; when a
   * field occurs more than once the last one counts.
   *
   * @param value the decoded value
   * @return the info
   * @throws AldrinDecodeException {@link DecodeProblem#UNEXPECTED_VALUE_SHAPE} if it is not one;
   *     aldrin-broker closes the connection of a client that sends such a {@link CreateService2}
   */
  public static ServiceInfo fromValue(AldrinValue value) throws AldrinDecodeException {
    if (!(value instanceof AldrinValue.Struct s)) {
      throw shape("service info is not a struct: " + value);
    }
    Integer version = null;
    Optional<UUID> typeId = Optional.empty();
    Optional<Boolean> subscribeAll = Optional.empty();
    for (AldrinValue.Field f : s.fields()) {
      switch (f.id()) {
        case VERSION_FIELD -> {
          if (!(f.value() instanceof AldrinValue.U32 v)) {
            throw shape("service info version is not a u32: " + f.value());
          }
          version = v.value();
        }
        case TYPE_ID_FIELD ->
            typeId =
                switch (f.value()) {
                  case AldrinValue.None n -> Optional.empty();
                  case AldrinValue.Some(AldrinValue.UuidValue u) -> Optional.of(u.value());
                  default -> throw shape("service info type id is not an optional uuid");
                };
        case SUBSCRIBE_ALL_FIELD ->
            subscribeAll =
                switch (f.value()) {
                  case AldrinValue.None n -> Optional.empty();
                  case AldrinValue.Some(AldrinValue.Bool b) -> Optional.of(b.value());
                  default -> throw shape("service info subscribe-all is not an optional bool");
                };
        default -> {}
      }
    }
    if (version == null) {
      throw shape("service info has no version field");
    }
    return new ServiceInfo(version, typeId, subscribeAll);
  }

  /** @return the struct as Aldrin writes it: the version, then the optional fields that are set */
  public AldrinValue toValue() {
    List<AldrinValue.Field> fields = new ArrayList<>();
    fields.add(new AldrinValue.Field(VERSION_FIELD, new AldrinValue.U32(version)));
    typeId.ifPresent(
        t ->
            fields.add(
                new AldrinValue.Field(
                    TYPE_ID_FIELD, new AldrinValue.Some(new AldrinValue.UuidValue(t)))));
    subscribeAll.ifPresent(
        b ->
            fields.add(
                new AldrinValue.Field(
                    SUBSCRIBE_ALL_FIELD, new AldrinValue.Some(new AldrinValue.Bool(b)))));
    return new AldrinValue.Struct(fields);
  }

  private static AldrinDecodeException shape(String detail) {
    return new AldrinDecodeException(
        DecodeProblem.UNEXPECTED_VALUE_SHAPE, AldrinDecodeException.NO_OFFSET, detail);
  }
}

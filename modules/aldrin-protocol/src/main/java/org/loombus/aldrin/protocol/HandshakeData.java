package org.loombus.aldrin.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The struct that {@link Connect2} and {@link ConnectReply2} carry as their value ({@code
 * ConnectData} and {@code ConnectReplyData} in Aldrin). Its only known field, id 0, optionally
 * holds the peer's own data as {@code Some(value)}; unknown fields are ignored, so that later
 * versions can add some.
 */
public final class HandshakeData {
  /** Id of the field that holds the peer's data. */
  public static final int USER_FIELD = 0;

  private HandshakeData() {}

  /**
   * Reads the peer's data the way Aldrin does: the value must be a struct; field 0, if present,
   * must be {@code None} or {@code Some}; when it occurs more than once, the last one counts.
   *
   * @param data the decoded struct
   * @return what field 0 wraps, or empty if it is absent or {@code None}
   * @throws AldrinDecodeException {@link DecodeProblem#UNEXPECTED_VALUE_SHAPE} otherwise;
   *     aldrin-broker then drops the connection without an answer
   */
  public static Optional<AldrinValue> userData(AldrinValue data) throws AldrinDecodeException {
    if (!(data instanceof AldrinValue.Struct s)) {
      throw shape("connect data is not a struct: " + data);
    }
    Optional<AldrinValue> user = Optional.empty();
    for (AldrinValue.Field f : s.fields()) {
      if (f.id() != USER_FIELD) {
        continue;
      }
      user =
          switch (f.value()) {
            case AldrinValue.None n -> Optional.empty();
            case AldrinValue.Some some -> Optional.of(some.value());
            default -> throw shape("connect data field 0 is neither None nor Some: " + f.value());
          };
    }
    return user;
  }

  /**
   * @param user the data to include, if any
   * @return the struct as Aldrin writes it: no fields, or field 0 holding {@code Some(user)}
   */
  public static AldrinValue of(Optional<AldrinValue> user) {
    List<AldrinValue.Field> fields = new ArrayList<>();
    user.ifPresent(u -> fields.add(new AldrinValue.Field(USER_FIELD, new AldrinValue.Some(u))));
    return new AldrinValue.Struct(fields);
  }

  private static AldrinDecodeException shape(String detail) {
    return new AldrinDecodeException(
        DecodeProblem.UNEXPECTED_VALUE_SHAPE, AldrinDecodeException.NO_OFFSET, detail);
  }
}

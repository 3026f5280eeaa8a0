package org.loombus.aldrin.protocol;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The message transformations aldrin-broker applies when it sends to a client of an older minor
 * version. They are pure: the broker decides what to send, this decides how the receiver's
 * version lets it be sent.
 *
 * <ul>
 *   <li>Values go to the receiver's epoch: a value using epoch-2 kinds is converted for a
 *       receiver of 1.19 or older ({@link ValueCodec#convert}).
 *   <li>{@link CallFunction2} becomes {@link CallFunction} for a receiver older than 1.19, losing
 *       the expected service version.
 *   <li>Any other kind the receiver's version lacks cannot be sent at all. aldrin-broker skips
 *       {@link AbortFunctionCall} for owners older than 1.16 in exactly this way; for the other
 *       kinds the broker's own rules keep it from ever arising.
 * </ul>
 */
public final class VersionAdapter {
  private VersionAdapter() {}

  /**
   * @param message what the broker means to send
   * @param receiver the receiver's negotiated version
   * @return the message in a form the receiver understands, or empty if its version lacks the
   *     kind altogether
   * @throws IllegalArgumentException if the receiver's version is not supported
   */
  public static Optional<AldrinMessage> forReceiver(
      AldrinMessage message, ProtocolVersion receiver) {
    ValueEpoch epoch = ValueEpoch.of(receiver);
    AldrinMessage m = message;
    if (m instanceof CallFunction2 call && !call.kind().isAvailableIn(receiver)) {
      m = toCallFunction(call);
    }
    if (!m.kind().isAvailableIn(receiver)) {
      return Optional.empty();
    }
    if (m instanceof MessageWithValue v) {
      RawValue converted = v.value().forEpoch(epoch);
      if (converted != v.value()) {
        m = v.withValue(converted);
      }
    }
    return Optional.of(m);
  }

  /**
   * The down-conversion for callees older than 1.19.
   *
   * @param call a call
   * @return the same call without the expected service version
   */
  public static CallFunction toCallFunction(CallFunction2 call) {
    return new CallFunction(call.serial(), call.serviceCookie(), call.function(), call.value());
  }

  /**
   * How aldrin-broker treats the old call message internally: as a {@link CallFunction2} that
   * names no version, so that one code path routes both.
   *
   * @param call a call from a client of any version
   * @return the same call as a {@link CallFunction2} without expected version
   */
  public static CallFunction2 toCallFunction2(CallFunction call) {
    return new CallFunction2(
        call.serial(), call.serviceCookie(), call.function(), OptionalInt.empty(), call.value());
  }
}

package org.loombus.fuzz;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.loombus.aldrin.protocol.AldrinDecodeException;
import org.loombus.aldrin.protocol.AldrinMessage;
import org.loombus.aldrin.protocol.AldrinValue;
import org.loombus.aldrin.protocol.DecodeRules;
import org.loombus.aldrin.protocol.MessageCodec;
import org.loombus.aldrin.protocol.MessageWithValue;
import org.loombus.aldrin.protocol.ProtocolVersion;
import org.loombus.aldrin.protocol.RawValue;
import org.loombus.aldrin.protocol.ValueCodec;
import org.loombus.aldrin.protocol.ValueEpoch;
import org.loombus.aldrin.protocol.VersionAdapter;

/**
 * What must hold for any bytes given to the Aldrin codec. A rejection is only ever an {@link
 * AldrinDecodeException}: anything else thrown (a runtime exception, a stack overflow, an
 * out-of-memory error) escapes and is the finding. What is accepted must survive what the broker
 * does with it: re-encoding gives a frame that decodes to the same bytes again, and the form
 * forwarded to a receiver of every supported version is one that receiver's decoder accepts —
 * so a client's bad value can never break the connection of the client it is forwarded to.
 */
final class AldrinCodecChecks {
  private static final HexFormat HEX = HexFormat.of();
  private static final ProtocolVersion[] VERSIONS = {
    ProtocolVersion.V1_14, ProtocolVersion.V1_15, ProtocolVersion.V1_16, ProtocolVersion.V1_17,
    ProtocolVersion.V1_18, ProtocolVersion.V1_19, ProtocolVersion.V1_20
  };

  private AldrinCodecChecks() {}

  /**
   * @param frame one whole frame as a client might send it
   * @param epoch the sender's value epoch
   * @param rules the decoder's rules
   * @return whether the frame was accepted (and then passed every check)
   */
  static boolean message(byte[] frame, ValueEpoch epoch, DecodeRules rules) {
    AldrinMessage m;
    try {
      m = MessageCodec.decode(frame, epoch, rules);
    } catch (AldrinDecodeException rejected) {
      return false;
    }
    byte[] encoded = MessageCodec.encode(m);
    AldrinMessage again = decodeOrFail(encoded, epoch, rules, m + " re-encoded");
    if (!Arrays.equals(encoded, MessageCodec.encode(again))) {
      throw new AssertionError(m + " re-encoded as " + HEX.formatHex(encoded)
          + " decodes to a different message, " + again);
    }
    for (ProtocolVersion receiver : VERSIONS) {
      Optional<AldrinMessage> forwarded = VersionAdapter.forReceiver(m, receiver);
      if (forwarded.isEmpty()) {
        continue;
      }
      ValueEpoch theirs = ValueEpoch.of(receiver);
      if (forwarded.get() instanceof MessageWithValue v
          && v.value().requiredEpoch().compareTo(theirs) > 0) {
        continue; // not representable for this receiver: the broker's routing decides, not here
      }
      decodeOrFail(MessageCodec.encode(forwarded.get()), theirs, DecodeRules.ALDRIN_COMPATIBLE,
          m + " forwarded to a " + receiver + " client");
    }
    return true;
  }

  /**
   * @param bytes one encoded value as a client might send it
   * @param epoch the sender's value epoch
   * @param rules the decoder's rules
   * @return whether the value was accepted (and then passed every check)
   */
  static boolean value(byte[] bytes, ValueEpoch epoch, DecodeRules rules) {
    RawValue raw;
    try {
      raw = ValueCodec.validate(bytes, epoch, rules);
    } catch (AldrinDecodeException rejected) {
      return false;
    }
    AldrinValue tree = ValueCodec.decode(raw);
    for (ValueEpoch target : ValueEpoch.values()) {
      RawValue converted = ValueCodec.convert(raw, target);
      if (converted.requiredEpoch().compareTo(target) > 0) {
        continue;
      }
      try {
        ValueCodec.validate(converted.toByteArray(), target, DecodeRules.ALDRIN_COMPATIBLE);
      } catch (AldrinDecodeException e) {
        throw new AssertionError(HEX.formatHex(bytes) + " converted for epoch " + target + " to "
            + HEX.formatHex(converted.toByteArray()) + " is refused there: " + e.getMessage(), e);
      }
      if (!ValueCodec.decode(converted).equals(tree)) {
        throw new AssertionError(HEX.formatHex(bytes) + " changed meaning converted for " + target);
      }
    }
    if (rules.maxValueDepth() <= DecodeRules.ALDRIN_MAX_VALUE_DEPTH) {
      RawValue re = ValueCodec.encode(tree, epoch);
      if (!ValueCodec.decode(re).equals(tree)) {
        throw new AssertionError(HEX.formatHex(bytes) + " re-encoded changed meaning: "
            + HEX.formatHex(re.toByteArray()));
      }
    }
    return true;
  }

  private static AldrinMessage decodeOrFail(byte[] frame, ValueEpoch epoch, DecodeRules rules,
      String what) {
    try {
      return MessageCodec.decode(frame, epoch, rules);
    } catch (AldrinDecodeException e) {
      throw new AssertionError(what + " (" + HEX.formatHex(frame) + ") is refused: "
          + e.getMessage(), e);
    }
  }
}

package org.loombus.aldrin.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.loombus.aldrin.protocol.MessageCodecTest.uuid;
import static org.loombus.aldrin.protocol.TestBytes.concat;
import static org.loombus.aldrin.protocol.TestBytes.hex;
import static org.loombus.aldrin.protocol.TestBytes.of;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ServiceInfo struct; the two examples are the values inside aldrin-core's {@code
 * create_service2} and {@code query_service_info_reply} message tests.
 */
@DisplayName("ServiceInfo")
class ServiceInfoTest {
  private static final UUID TYPE = UUID.fromString("cf41c688-4976-46a5-8e2d-48710258bc2c");
  private static final byte[] VERSION_ONLY = of(65, 1, 0, 7, 2, 0);
  private static final byte[] FULL =
      concat(of(65, 1, 0, 7, 2, 1, 1, 1, 14), uuid(TYPE), of(1, 2, 1, 2, 1, 0));

  private static ServiceInfo read(byte[] encoded) throws AldrinDecodeException {
    return ServiceInfo.fromValue(ValueCodec.decode(encoded, ValueEpoch.V2, DecodeRules.STRICT));
  }

  @Test
  @DisplayName("version only")
  void versionOnly() throws Exception {
    assertEquals(ServiceInfo.ofVersion(2), read(VERSION_ONLY));
    assertEquals(hex(VERSION_ONLY),
        hex(ValueCodec.encode(ServiceInfo.ofVersion(2).toValue(), ValueEpoch.V2).toByteArray()));
    assertEquals(hex(of(39, 1, 0, 7, 2)),
        hex(ValueCodec.encode(ServiceInfo.ofVersion(2).toValue(), ValueEpoch.V1).toByteArray()));
  }

  @Test
  @DisplayName("version, type id and subscribe-all")
  void full() throws Exception {
    ServiceInfo info = new ServiceInfo(2, Optional.of(TYPE), Optional.of(true));
    assertEquals(info, read(FULL));
    assertEquals(hex(FULL), hex(ValueCodec.encode(info.toValue(), ValueEpoch.V2).toByteArray()));
  }

  @Test
  @DisplayName("unknown fields are skipped, a repeated field counts last, None means absent")
  void lenientFields() throws Exception {
    assertEquals(new ServiceInfo(3, Optional.empty(), Optional.empty()),
        read(of(65, 1, 9, 13, 0, 1, 0, 7, 2, 1, 0, 7, 3, 1, 2, 0, 0)));
  }

  @Test
  @DisplayName("a missing version or a field of the wrong kind is UNEXPECTED_VALUE_SHAPE")
  void badShapes() {
    byte[][] bad = {
      of(65, 0),
      of(65, 1, 0, 5, 2, 0),
      of(65, 1, 0, 7, 2, 1, 1, 3, 1, 0),
      of(65, 1, 0, 7, 2, 1, 2, 2, 1, 0),
      of(7, 2),
    };
    for (byte[] b : bad) {
      AldrinDecodeException e = assertThrows(AldrinDecodeException.class, () -> read(b));
      assertEquals(DecodeProblem.UNEXPECTED_VALUE_SHAPE, e.problem(), hex(b));
    }
  }
}
